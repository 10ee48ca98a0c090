using System.Globalization;
using System.Text.RegularExpressions;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// The embedded default store: objects as files under a root folder, read through HMAC-signed, expiring links that the
/// web layer serves (starting at <see cref="MediaLinkBase"/>), so it behaves like a private bucket with presigned URLs.
/// </summary>
public sealed partial class LocalDiskObjectStorage : IObjectStorage, IStorageProbe
{
    private const string ContentTypeSuffix = ".content-type";

    private readonly string root;
    private readonly MediaUrlSigner signer;
    private readonly MediaLinkBase links;
    private readonly TimeProvider clock;
    private readonly TimeSpan reuseWindow;

    public LocalDiskObjectStorage(
        IOptions<LocalDiskStorageOptions> options,
        IHostEnvironment environment,
        MediaUrlSigner signer,
        MediaLinkBase links,
        IOptions<PicturesOptions> pictures,
        TimeProvider clock)
    {
        reuseWindow = pictures.Value.UrlReuseWindow;
        root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.RootPath));
        this.signer = signer;
        this.links = links;
        this.clock = clock;
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key) ?? throw new ArgumentException("The key is not a valid object key.", nameof(key));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var typeTemp = temp + ContentTypeSuffix;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            await File.WriteAllTextAsync(typeTemp, contentType, cancellationToken);
            // Objects are immutable: moving onto an existing key fails, before anything of the existing object changed.
            File.Move(temp, path, overwrite: false);
            File.Move(typeTemp, path + ContentTypeSuffix, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
            File.Delete(typeTemp);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(PathOf(key) is { } path && File.Exists(path));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (PathOf(key) is { } path && Directory.Exists(Path.GetDirectoryName(path)))
        {
            // File.Delete ignores a missing file, but not a missing folder; either way the object is gone.
            File.Delete(path);
            File.Delete(path + ContentTypeSuffix);
        }

        return Task.CompletedTask;
    }

    public Task<SignedUrl> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        // The same window rule as S3: the same link for a key during a window, on every instance with the same key.
        var window = UrlWindow.At(
            clock.GetUtcNow(), reuseWindow, lifetime < PicturesOptions.MaxUrlLifetime ? lifetime : PicturesOptions.MaxUrlLifetime);
        var unix = window.Expires.ToUnixTimeSeconds();
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"?{MediaUrlSigner.ExpiresParameter}={unix}&{MediaUrlSigner.SignatureParameter}={signer.Sign(key, unix)}");
        return Task.FromResult(new SignedUrl(new Uri(links.Value, path + query), DateTimeOffset.FromUnixTimeSeconds(unix)));
    }

    public async Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var probe = Path.Combine(root, $".probe-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(probe, [1], cancellationToken);
        File.Delete(probe);
    }

    /// <summary>Opens an object for the media endpoint, after its signature was checked; null when it does not exist.</summary>
    public StoredObject? OpenRead(string key)
    {
        if (PathOf(key) is not { } path || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            var typeFile = path + ContentTypeSuffix;
            var contentType = File.Exists(typeFile) ? File.ReadAllText(typeFile).Trim() : "application/octet-stream";
            return new StoredObject(stream, contentType, File.GetLastWriteTimeUtc(path));
        }
        catch (FileNotFoundException)
        {
            return null; // deleted between the check and the open
        }
    }

    /// <summary>The file of a key, or null when the key could step outside the root or is not a plain object key.</summary>
    private string? PathOf(string key)
    {
        if (key.Length is 0 or > 1024 || !SafeKey().IsMatch(key))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(root, key));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    // Segments of letters, digits, '-', '_' and '.', none of them '.' or '..' and none empty.
    [GeneratedRegex(@"\A(?!.*(?:\A|/)\.{1,2}(?:/|\z))[A-Za-z0-9_\-.]+(?:/[A-Za-z0-9_\-.]+)*\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SafeKey();
}

public sealed record StoredObject(Stream Content, string ContentType, DateTime LastModifiedUtc);
