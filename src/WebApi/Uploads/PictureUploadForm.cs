using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles.UploadPicture;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CleanProfiles.WebApi.Uploads;

/// <summary>
/// Reads the upload's multipart body once, streaming, under the endpoint's <see cref="IFormOptionsMetadata"/>: the one
/// part named <c>file</c> goes into a single buffer sized from the request's Content-Length (at most the file limit
/// plus one byte), and is handed on as a slice of it. No temp file, no second read, no copy; other parts are read past.
/// </summary>
internal static class PictureUploadForm
{
    public const string FilePart = "file";

    private const int ChunkedStartBytes = 64 * 1024;

    // The reader scans its buffer for the boundary; a larger one than its 4 KiB default means far fewer passes over 5 MB.
    private const int ReadBufferBytes = 64 * 1024;

    public static async Task<UploadedFile> ReadFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IFormOptionsMetadata>()
            ?? throw new InvalidOperationException("The upload endpoint has no form limits; mark it [PictureUpload].");
        var maxFileBytes = limits.MultipartBodyLengthLimit ?? throw new InvalidOperationException("The upload has no file limit.");
        var boundary = Boundary(request, limits.MultipartBoundaryLengthLimit);
        var reader = new MultipartReader(boundary, request.Body, ReadBufferBytes)
        {
            HeadersCountLimit = limits.MultipartHeadersCountLimit ?? 16,
            HeadersLengthLimit = limits.MultipartHeadersLengthLimit ?? 16 * 1024,
        };

        UploadedFile? file = null;
        var parts = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > (limits.ValueCountLimit ?? 16))
                {
                    throw Malformed();
                }

                if (IsFilePart(section))
                {
                    file = file is null
                        ? await UploadedFile.ReadAsync(
                            section.Body, Capacity(request.ContentLength, maxFileBytes), maxFileBytes, () => TooLarge(maxFileBytes), cancellationToken)
                        : throw Invalid("Send exactly one part named 'file'.");
                }
                else
                {
                    // Any other part is read past, but only so far.
                    await SkipAsync(section.Body, limits.ValueLengthLimit ?? 16 * 1024, cancellationToken);
                }
            }
        }
        catch (Exception e) when (Translated(e, maxFileBytes, cancellationToken) is { } answer)
        {
            file?.Dispose();
            throw answer;
        }
        catch
        {
            file?.Dispose();
            throw;
        }

        return file ?? throw Invalid($"A multipart part named '{FilePart}' is required.");
    }

    /// <summary>What a failure while reading means for the uploader; null for failures that are not theirs (or nobody's).</summary>
    private static ApplicationErrorException? Translated(Exception e, long maxFileBytes, CancellationToken cancellationToken) => e switch
    {
        // Kestrel's MaxRequestBodySize, from [RequestSizeLimit]: the same answer as a file over the limit.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(maxFileBytes),
        // Malformed or cut-off multipart (no closing boundary, body ends mid-part), oversized part headers.
        InvalidDataException => Malformed(),
        IOException when !cancellationToken.IsCancellationRequested => Malformed(),
        _ => null,
    };

    /// <summary>Content-Length bounds the file from above; a chunked body starts small and grows.</summary>
    private static int Capacity(long? contentLength, long maxFileBytes) =>
        (int)Math.Min(contentLength ?? ChunkedStartBytes, maxFileBytes + 1);

    /// <summary>Reads a part that is not the file to its end, refusing it past <paramref name="max"/> bytes.</summary>
    private static async Task SkipAsync(Stream part, long max, CancellationToken cancellationToken)
    {
        var scratch = new byte[4096];
        long total = 0;
        int read;
        while ((read = await part.ReadAsync(scratch, cancellationToken)) > 0)
        {
            total += read;
            if (total > max)
            {
                throw Malformed();
            }
        }
    }

    private static bool IsFilePart(MultipartSection section) =>
        section.GetContentDispositionHeader() is { } disposition
        && disposition.IsFileDisposition()
        && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FilePart, StringComparison.Ordinal);

    private static string Boundary(HttpRequest request, int? maxLength)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > (maxLength ?? 128) ? throw Malformed() : boundary;
    }

    private static ApplicationErrorException TooLarge(long maxBytes) =>
        new(ErrorKind.TooLarge, $"The file is larger than the limit of {maxBytes} bytes.");

    private static ValidationFailedException Malformed() => Invalid(
        "The multipart body is malformed, incomplete, or has too many parts or too large part headers; send one part named 'file'.");

    private static ValidationFailedException Invalid(string message) =>
        ValidationFailedException.For(nameof(UploadPictureCommand.File), message);
}
