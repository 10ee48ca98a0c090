using CleanProfiles.Domain.Users;
using FluentValidation;

namespace CleanProfiles.Application.Auth.Login;

/// <summary>Only what keeps the lookup sane; whether the email looks like one is not said at sign-in.</summary>
public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("email is required.")
            .MustBeText("email")
            .MaximumLength(UserAccount.EmailMaxLength).WithMessage("email is too long.");
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("password is required.")
            .MustBeText("password")
            .MaximumLength(CredentialRules.PasswordMaxLength).WithMessage("password is too long.");
    }
}
