using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Application.Common.Configuration;

/// <summary>
/// The one way settings are checked, in every layer: each rule names the exact configuration key it failed, and all
/// failures are reported together at start-up, so a wrong deployment says what to fix.
/// </summary>
public abstract class SettingsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options).OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The environment variable that sets a key (<c>Storage:S3:BucketName</c> is <c>Storage__S3__BucketName</c>).</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>One message per broken rule; null for a rule that holds.</summary>
    protected abstract IEnumerable<string?> Check(TOptions options);

    protected static string? Between<T>(string key, T value, T min, T max)
        where T : IComparable<T>, IFormattable =>
        value.CompareTo(min) < 0 || value.CompareTo(max) > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{key} must be between {Format(min)} and {Format(max)}.")
            : null;

    protected static string? Required(string key, string? value, string? when = null) =>
        string.IsNullOrWhiteSpace(value)
            ? $"{key} is required{(when is null ? string.Empty : " when " + when)} (environment variable {EnvironmentVariable(key)})."
            : null;

    /// <summary>A secret of at least <paramref name="minBytes"/> UTF-8 bytes.</summary>
    protected static string? Secret(string key, string? value, int minBytes) =>
        string.IsNullOrWhiteSpace(value)
            ? $"{key} is required (a random secret of at least {minBytes} bytes; set it with the environment variable {EnvironmentVariable(key)})."
            : Encoding.UTF8.GetByteCount(value) < minBytes
                ? $"{key} must be at least {minBytes} bytes long."
                : null;

    protected static string? Defined<TEnum>(string key, TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.";

    private static string Format<T>(T value)
        where T : IFormattable =>
        value is TimeSpan span ? span.ToString("c", CultureInfo.InvariantCulture) : value.ToString(null, CultureInfo.InvariantCulture);
}
