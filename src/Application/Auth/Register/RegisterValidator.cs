using CleanProfiles.Application.Common;
using CleanProfiles.Domain.Profiles;
using FluentValidation;

namespace CleanProfiles.Application.Auth.Register;

public sealed class RegisterValidator : AbstractValidator<RegisterCommand>
{
    public RegisterValidator()
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).MustBeEmail();
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("password is required.")
            .MustBeText("password")
            .Length(CredentialRules.PasswordMinLength, CredentialRules.PasswordMaxLength)
            .WithMessage($"password must have {CredentialRules.PasswordMinLength} to {CredentialRules.PasswordMaxLength} characters.");
        RuleFor(c => c.Name).MustKeep(UserProfile.ProblemWithName);
    }
}
