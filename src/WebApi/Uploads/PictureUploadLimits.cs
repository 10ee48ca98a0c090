using CleanProfiles.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.Uploads;

/// <summary>
/// The limits of the picture upload, stated once as the framework's own: <see cref="RequestSizeLimitAttribute"/> sets
/// Kestrel's <c>MaxRequestBodySize</c> for the request (a declared Content-Length over it is refused before a byte is
/// read, a chunked body as soon as it passes it), and <see cref="RequestFormLimitsAttribute"/> bounds the multipart
/// form that <see cref="PictureUploadForm"/> reads. Attributes take constants, and <c>Pictures:MaxBytes</c> is a
/// setting, so this convention adds them to every action marked <see cref="PictureUploadAttribute"/> at start-up.
/// </summary>
internal sealed class PictureUploadLimits(IOptions<PicturesOptions> pictures) : IConfigureOptions<MvcOptions>, IActionModelConvention
{
    /// <summary>Room for the multipart boundary and part headers around the file itself.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    public void Configure(MvcOptions options) => options.Conventions.Add(this);

    public void Apply(ActionModel action)
    {
        if (!action.Attributes.OfType<PictureUploadAttribute>().Any())
        {
            return;
        }

        // The form is read once, by the action: model binding must not read it first (it would, for any parameter).
        action.Filters.Add(new NoFormValueBinding());
        var maxFileBytes = pictures.Value.MaxBytes;
        action.Filters.Add(new RequestSizeLimitAttribute(maxFileBytes + MultipartOverheadBytes));
        action.Filters.Add(new RequestFormLimitsAttribute
        {
            // The file part; one byte more is refused with 413.
            MultipartBodyLengthLimit = maxFileBytes,
            // Everything else stays small: a few parts, short headers and values, an ordinary boundary.
            ValueCountLimit = 16,
            ValueLengthLimit = 16 * 1024,
            MultipartHeadersCountLimit = 16,
            MultipartHeadersLengthLimit = 16 * 1024,
            MultipartBoundaryLengthLimit = 128,
        });
    }

    private sealed class NoFormValueBinding : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}
