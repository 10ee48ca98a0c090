using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.WebApi.ErrorHandling;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanProfiles.WebApi.Media;

/// <summary>
/// Serves the local-disk store's signed URLs, as a private bucket serves presigned ones: without a valid,
/// unexpired signature for exactly this key nothing is read.
/// </summary>
internal static class MediaEndpoint
{
    /// <summary>The path media links start with, below the API's base address.</summary>
    public const string PathPrefix = "media/";

    /// <summary>
    /// The local-disk store's links start at the configured public base URL, else at the scheme, host and path base the
    /// browser used for this request (outside requests: loopback).
    /// </summary>
    public static IServiceCollection AddLocalMediaLinks(this IServiceCollection services) =>
        services.AddScoped(sp =>
        {
            var origin = sp.GetRequiredService<IOptions<LocalDiskStorageOptions>>().Value.PublicBaseUrl?.AbsoluteUri
                ?? (sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request is { } request
                    ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}"
                    : "http://localhost");
            return new MediaLinkBase(new Uri(new Uri(origin.TrimEnd('/') + "/"), PathPrefix));
        });

    public static IEndpointRouteBuilder MapLocalMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/" + PathPrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task ServeAsync(
        HttpContext context,
        string key,
        MediaUrlSigner signer,
        LocalDiskObjectStorage storage,
        TimeProvider clock)
    {
        var query = context.Request.Query;
        var expires = query[MediaUrlSigner.ExpiresParameter].ToString();
        var check = signer.Check(key, expires, query[MediaUrlSigner.SignatureParameter].ToString());
        if (check != MediaSignatureCheck.Valid)
        {
            await context.WriteProblemAsync(
                StatusCodes.Status403Forbidden,
                check == MediaSignatureCheck.Expired ? "The link has expired." : "The link is not validly signed.");
            return;
        }

        var stored = storage.OpenRead(key);
        if (stored is null)
        {
            await context.WriteProblemAsync(StatusCodes.Status404NotFound, "The object does not exist.");
            return;
        }

        await using (stored.Content)
        {
            var remaining = long.Parse(expires, CultureInfo.InvariantCulture) - clock.GetUtcNow().ToUnixTimeSeconds();
            var headers = context.Response.Headers;
            headers.CacheControl = $"private, max-age={Math.Max(0, remaining)}, immutable";
            headers.XContentTypeOptions = "nosniff";
            // Nothing may run or load if a browser ever renders the response as a document; inline styles only so its
            // own image viewer can centre the picture.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            var result = Results.File(
                stored.Content,
                stored.ContentType,
                lastModified: stored.LastModifiedUtc,
                entityTag: new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16)}\""),
                enableRangeProcessing: true);
            await result.ExecuteAsync(context);
        }
    }
}
