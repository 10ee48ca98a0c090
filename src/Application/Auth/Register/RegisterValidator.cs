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
            .Must(n => n?.Trim().Length is >= 1 and <= UserProfile.NameMaxLength)
            .WithMessage($"name must have 1 to {UserProfile.NameMaxLength} characters.")
            .Must(TextRules.HasNoControlCharacters).WithMessage("name must not contain control characters.");
    }
}
