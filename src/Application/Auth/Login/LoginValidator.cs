using FluentValidation;

namespace CleanProfiles.Application.Auth.Login;

public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("email is required.")
            .MaximumLength(Domain.Users.UserAccount.EmailMaxLength).WithMessage("email is too long.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("password is required.")
            .MaximumLength(CredentialRules.PasswordMaxLength).WithMessage("password is too long.");
    }
}
