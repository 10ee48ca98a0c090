using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.Infrastructure.Storage;

internal sealed class LocalDiskStorageOptionsValidator : SettingsValidator<LocalDiskStorageOptions>
{
    protected override IEnumerable<string?> Check(LocalDiskStorageOptions options) =>
    [
        Secret("Storage:LocalDisk:SigningKey", options.SigningKey, LocalDiskStorageOptions.MinSigningKeyBytes),
        Required("Storage:LocalDisk:RootPath", options.RootPath),
        options.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            ? "Storage:LocalDisk:PublicBaseUrl must be an absolute http or https URL." : null,
    ];
}
