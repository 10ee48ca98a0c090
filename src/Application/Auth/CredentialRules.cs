using System.Text.RegularExpressions;
using CleanProfiles.Domain.Common;
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
            .MustBeText("email")
            .MaximumLength(UserAccount.EmailMaxLength).WithMessage($"email must have at most {UserAccount.EmailMaxLength} characters.")
            .Must(e => EmailPattern().IsMatch(e.Trim())).WithMessage("email must be an email address such as name@example.com.");

    /// <summary>
    /// No control characters and no unpaired surrogates, checked before anything reaches the database (PostgreSQL refuses
    /// NUL in text, and unpaired surrogates do not encode as UTF-8): a 400 naming the field instead of a 500.
    /// </summary>
    public static IRuleBuilderOptions<T, string> MustBeText<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.Must(value => !Text.IsNotText(value))
            .WithMessage($"{field} must not contain control characters (such as NUL or line breaks) or broken Unicode.");

    // One @, something before it, a dotted domain after it, no whitespace or control characters.
    [GeneratedRegex(@"\A[^@\s\p{Cc}]+@[^@\s\p{Cc}.]+(\.[^@\s\p{Cc}.]+)+\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();
}
