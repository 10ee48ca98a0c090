using System.Text;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure;

/// <summary>Start-up checks whose messages name the exact configuration key, so a wrong deployment says what to fix.</summary>
internal static class OptionsValidation
{
    public static string? CheckSecret(string key, string? value, int minBytes) =>
        string.IsNullOrWhiteSpace(value)
            ? $"{key} is required (a random secret of at least {minBytes} bytes; set it with the environment variable {EnvironmentName(key)})."
            : Encoding.UTF8.GetByteCount(value) < minBytes
                ? $"{key} must be at least {minBytes} bytes long."
                : null;

    public static ValidateOptionsResult Result(params string?[] failures)
    {
        var errors = failures.OfType<string>().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
