using CleanProfiles.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.Media;

/// <summary>Media links start at the configured public URL, else at the scheme, host and path base of the current request.</summary>
internal sealed class RequestBaseUrlProvider(IHttpContextAccessor accessor, IOptions<LocalDiskStorageOptions> options) : IPublicBaseUrlProvider
{
    public Uri GetBaseUrl()
    {
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return configured;
        }

        var request = accessor.HttpContext?.Request;
        return request is null
            ? new Uri("http://localhost/")
            : new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/");
    }
}
