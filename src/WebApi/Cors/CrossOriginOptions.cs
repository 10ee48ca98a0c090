using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.WebApi.Cors;

/// <summary>Origins of a single-page app on another host that may call the API; none by default.</summary>
public sealed class CrossOriginOptions
{
    public const string SectionName = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}

internal sealed class CrossOriginOptionsValidator : SettingsValidator<CrossOriginOptions>
{
    protected override IEnumerable<string?> Check(CrossOriginOptions options) => options.AllowedOrigins
        .Where(origin => !IsOrigin(origin))
        .Select(origin => $"Cors:AllowedOrigins contains '{origin}', which is not an origin such as https://app.example.com (scheme and host, optional port, no path).");

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && !origin.EndsWith('/');
}
