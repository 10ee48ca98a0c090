using CleanProfiles.Application.Common;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using FluentValidation;

namespace CleanProfiles.Application.Profiles.UpdateProfile;

public sealed class UpdateProfileValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileValidator(TimeProvider clock)
    {
        When(c => c.Name.HasValue, () =>
            RuleFor(c => c.Name.Value)
                .Must(name => name?.Trim().Length is >= 1 and <= UserProfile.NameMaxLength)
                .WithMessage($"name must have 1 to {UserProfile.NameMaxLength} characters.")
                .Must(TextRules.HasNoControlCharacters).WithMessage("name must not contain control characters.")
                .OverridePropertyName(nameof(UpdateProfileCommand.Name)));

        When(c => c.Headline.HasValue, () =>
            RuleFor(c => c.Headline.Value)
                .Must(h => h is null || h.Trim().Length <= UserProfile.HeadlineMaxLength)
                .WithMessage($"headline must have at most {UserProfile.HeadlineMaxLength} characters.")
                .Must(TextRules.HasNoControlCharacters).WithMessage("headline must not contain control characters.")
                .OverridePropertyName(nameof(UpdateProfileCommand.Headline)));

        When(c => c.Bio.HasValue, () =>
            RuleFor(c => c.Bio.Value)
                .Must(b => b is null || b.Trim().Length <= UserProfile.BioMaxLength)
                .WithMessage($"bio must have at most {UserProfile.BioMaxLength} characters.")
                .Must(TextRules.HasNoControlCharactersExceptLineBreaks)
                .WithMessage("bio must not contain control characters other than line breaks and tabs.")
                .OverridePropertyName(nameof(UpdateProfileCommand.Bio)));

        When(c => c.GraduationYear.HasValue && c.GraduationYear.Value.HasValue, () =>
            RuleFor(c => c.GraduationYear.Value)
                .Must(y => y >= UserProfile.FirstGraduationYear && y <= UserProfile.LastGraduationYear(clock.UtcNowMilliseconds()))
                .WithMessage(_ => $"The graduation year must lie between {UserProfile.FirstGraduationYear} and {UserProfile.LastGraduationYear(clock.UtcNowMilliseconds())}.")
                .OverridePropertyName(nameof(UpdateProfileCommand.GraduationYear)));

        When(c => c.ProfilePictureKey.HasValue && c.ProfilePictureKey.Value is not null, () =>
            RuleFor(c => c.ProfilePictureKey.Value)
                .Must(k => PictureKey.TryParse(k, out _))
                .WithMessage(UpdateProfileHandler.NotYourUploadMessage)
                .OverridePropertyName(nameof(UpdateProfileCommand.ProfilePictureKey)));
    }
}
