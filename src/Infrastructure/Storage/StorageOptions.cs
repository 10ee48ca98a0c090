using CleanProfiles.Application.Common.Configuration;
using Microsoft.Extensions.Configuration;

namespace CleanProfiles.Infrastructure.Storage;

public enum StorageProvider
{
    LocalDisk,
    S3,
}

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The embedded default keeps objects on local disk; production uses S3.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LocalDisk;

    /// <summary>
    /// The provider whose services to register. A value that is no provider registers none; the validated options then
    /// stop start-up naming <c>Storage:Provider</c>.
    /// </summary>
    internal static StorageProvider? ConfiguredProvider(IConfiguration configuration) =>
        configuration.GetSection(SectionName)[nameof(Provider)] is not { Length: > 0 } value
            ? StorageProvider.LocalDisk
            : Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider : null;
}

internal sealed class StorageOptionsValidator : SettingsValidator<StorageOptions>
{
    protected override IEnumerable<string?> Check(StorageOptions options) => [Defined("Storage:Provider", options.Provider)];
}

public sealed class LocalDiskStorageOptions
{
    public const string SectionName = "Storage:LocalDisk";
    public const int MinSigningKeyBytes = 32;

    /// <summary>Folder that holds the objects; relative paths are resolved against the content root.</summary>
    public string RootPath { get; set; } = "App_Data/media";

    /// <summary>HMAC-SHA256 key for the media URLs, at least 32 bytes (UTF-8). Required outside Development.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Absolute base URL the media links start with (for example https://api.example.com). When unset,
    /// links point at the host of the request that asked for them.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
