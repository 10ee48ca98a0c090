using CleanProfiles.Application.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.Controllers;

/// <summary>
/// Tight request limits for the upload endpoint, derived from <c>Pictures:MaxBytes</c>: an oversized body is refused
/// while it is read (413), never buffered whole; part counts and part headers stay small.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UploadLimitsAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Room for the multipart boundary and part headers around the file itself.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    public bool IsReusable => true;

    // Before model binding reads the form, like the framework's RequestFormLimits filter.
    public int Order => 900;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new Filter(serviceProvider.GetRequiredService<IOptions<PicturesOptions>>().Value.MaxBytes + MultipartOverheadBytes);

    private sealed class Filter(long bodyLimit) : IAuthorizationFilter
    {
        private readonly FormOptions formOptions = new()
        {
            MultipartBodyLengthLimit = bodyLimit,
            BufferBodyLengthLimit = bodyLimit,
            ValueCountLimit = 16,
            KeyLengthLimit = 256,
            ValueLengthLimit = 16 * 1024,
            MultipartHeadersCountLimit = 16,
            MultipartHeadersLengthLimit = 16 * 1024,
            MultipartBoundaryLengthLimit = 128,
        };

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var features = context.HttpContext.Features;
            if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = bodyLimit;
            }

            if (features.Get<IFormFeature>()?.Form is null)
            {
                features.Set<IFormFeature>(new FormFeature(context.HttpContext.Request, formOptions));
            }
        }
    }
}
