namespace CleanProfiles.WebApi.Security;

/// <summary>
/// Every response under <c>/api</c> (profiles with their signed picture links, community pages, access tokens, and
/// the problems of any of them) is <c>Cache-Control: no-store</c> and <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
/// <remarks>
/// <c>no-store</c> rather than <c>private, no-cache</c>: these bodies carry bearer capabilities (a signed URL works for
/// days without a token; a token is a sign-in) that no cache, shared or the browser's own on disk, should keep. The API
/// sends no validators (ETag, Last-Modified), so <c>no-cache</c>'s revalidation would save nothing either, and the app
/// fetches fresh data anyway. Set when the response starts, so it covers the exception handler's and the rate
/// limiter's answers too (both clear headers set earlier).
/// </remarks>
public static class PrivateResponses
{
    public const string CacheControl = "no-store";

    public static IApplicationBuilder UsePrivateApiResponses(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                response.Headers.CacheControl = CacheControl;
                response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
        }

        return next(context);
    });
}
