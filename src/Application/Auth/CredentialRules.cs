using System.Text.RegularExpressions;
using CleanProfiles.Domain.Users;
using FluentValidation;

namespace CleanProfiles.Application.Auth;

internal static partial class CredentialRules
{
    public const int PasswordMinLength = 8;

    // Hashing cost grows with length; nobody needs more than this.
    public const int PasswordMaxLength = 128;

    public static IRuleBuilderOptions<T, string> MustBeEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("email is required.")
            .MaximumLength(UserAccount.EmailMaxLength).WithMessage($"email must have at most {UserAccount.EmailMaxLength} characters.")
            .Must(e => EmailPattern().IsMatch(e.Trim())).WithMessage("email must be an email address such as name@example.com.");

    // One @, something before it, a dotted domain after it, no whitespace or control characters.
    [GeneratedRegex(@"\A[^@\s\p{Cc}]+@[^@\s\p{Cc}.]+(\.[^@\s\p{Cc}.]+)+\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();
}
