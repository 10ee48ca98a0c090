using CleanProfiles.Application.Common;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Domain.Profiles;
using FluentValidation;

namespace CleanProfiles.Application.Auth.Register;

public sealed class RegisterValidator : AbstractValidator<RegisterCommand>
{
    public RegisterValidator()
    {
        RuleFor(c => c.Email).MustBeEmail();
        RuleFor(c => c.Password)
            .NotEmpty().WithMessage("password is required.")
            .Length(CredentialRules.PasswordMinLength, CredentialRules.PasswordMaxLength)
            .WithMessage($"password must have {CredentialRules.PasswordMinLength} to {CredentialRules.PasswordMaxLength} characters.");
        RuleFor(c => c.Name)
            .MustKeep(UserProfile.ProblemWithName)
            .Must(TextRules.HasNoControlCharacters).WithMessage("The name must not contain control characters.");
    }
}
