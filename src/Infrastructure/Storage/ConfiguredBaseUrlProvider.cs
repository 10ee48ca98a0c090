using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>The configured public base URL, or loopback when none is set and no request is at hand (background jobs, tools).</summary>
internal sealed class ConfiguredBaseUrlProvider(IOptions<LocalDiskStorageOptions> options) : IPublicBaseUrlProvider
{
    public Uri GetBaseUrl() => options.Value.PublicBaseUrl ?? new Uri("http://localhost/");
}
