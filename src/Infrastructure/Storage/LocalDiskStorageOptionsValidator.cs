using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

internal sealed class LocalDiskStorageOptionsValidator : IValidateOptions<LocalDiskStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalDiskStorageOptions options) => OptionsValidation.Result(
        OptionsValidation.CheckSecret("Storage:LocalDisk:SigningKey", options.SigningKey, LocalDiskStorageOptions.MinSigningKeyBytes),
        string.IsNullOrWhiteSpace(options.RootPath) ? "Storage:LocalDisk:RootPath is required." : null,
        options.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            ? "Storage:LocalDisk:PublicBaseUrl must be an absolute http or https URL." : null);
}
