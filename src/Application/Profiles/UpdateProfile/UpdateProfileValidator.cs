using CleanProfiles.Application.Common;
using CleanProfiles.Domain.Profiles;
using FluentValidation;

namespace CleanProfiles.Application.Profiles.UpdateProfile;

/// <summary>
/// The profile's own rules come from <see cref="UserProfile"/>. The picture key is checked by the handler, which has to
/// parse it anyway and also knows whose upload it is.
/// </summary>
public sealed class UpdateProfileValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileValidator(TimeProvider clock)
    {
        When(c => c.Name.HasValue, () =>
            RuleFor(c => c.Name.Value)
                .MustKeep(UserProfile.ProblemWithName)
                .OverridePropertyName(nameof(UpdateProfileCommand.Name)));

        When(c => c.Headline.HasValue, () =>
            RuleFor(c => c.Headline.Value)
                .MustKeep(UserProfile.ProblemWithHeadline)
                .OverridePropertyName(nameof(UpdateProfileCommand.Headline)));

        When(c => c.Bio.HasValue, () =>
            RuleFor(c => c.Bio.Value)
                .MustKeep(UserProfile.ProblemWithBio)
                .OverridePropertyName(nameof(UpdateProfileCommand.Bio)));

        When(c => c.GraduationYear.HasValue, () =>
            RuleFor(c => c.GraduationYear.Value)
                .MustKeep(year => UserProfile.ProblemWithGraduationYear(year, clock.UtcNowMilliseconds()))
                .OverridePropertyName(nameof(UpdateProfileCommand.GraduationYear)));
    }
}
