using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles.UploadPicture;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CleanProfiles.WebApi.Uploads;

/// <summary>
/// Reads the upload's multipart body once, streaming, under the endpoint's <see cref="IFormOptionsMetadata"/>: the one
/// part named <c>file</c> goes into a single buffer sized from the request's Content-Length (at most the file limit
/// plus one byte), and is handed on as a slice of it. No temp file, no second read, no copy.
/// </summary>
internal static class PictureUploadForm
{
    public const string FilePart = "file";

    private const int ChunkedStartBytes = 64 * 1024;

    public static async Task<ReadOnlyMemory<byte>> ReadFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IFormOptionsMetadata>()
            ?? throw new InvalidOperationException("The upload endpoint has no form limits; mark it [PictureUpload].");
        var maxFileBytes = limits.MultipartBodyLengthLimit ?? throw new InvalidOperationException("The upload has no file limit.");
        var boundary = Boundary(request, limits.MultipartBoundaryLengthLimit);
        var reader = new MultipartReader(boundary, request.Body)
        {
            HeadersCountLimit = limits.MultipartHeadersCountLimit ?? 16,
            HeadersLengthLimit = limits.MultipartHeadersLengthLimit ?? 16 * 1024,
        };

        ReadOnlyMemory<byte>? file = null;
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
                        ? await ReadAsync(section.Body, Capacity(request.ContentLength, maxFileBytes), maxFileBytes, cancellationToken)
                        : throw Invalid("Send exactly one part named 'file'.");
                }
                else
                {
                    // Any other part is read past, but only so far.
                    _ = await ReadAsync(section.Body, 4096, limits.ValueLengthLimit ?? 16 * 1024, cancellationToken, otherPart: true);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's MaxRequestBodySize, from [RequestSizeLimit]: the same answer as a file over the limit.
            throw TooLarge(maxFileBytes);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !cancellationToken.IsCancellationRequested))
        {
            // Malformed or cut-off multipart (no closing boundary, body ends mid-part), oversized part headers.
            throw Malformed();
        }

        return file ?? throw Invalid($"A multipart part named '{FilePart}' is required.");
    }

    /// <summary>Content-Length bounds the file from above; a chunked body starts small and grows.</summary>
    private static int Capacity(long? contentLength, long maxFileBytes) =>
        (int)Math.Min(contentLength ?? ChunkedStartBytes, maxFileBytes + 1);

    /// <summary>Reads a part into one buffer until its end or one byte past <paramref name="max"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadAsync(
        Stream part, int capacity, long max, CancellationToken cancellationToken, bool otherPart = false)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(capacity);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max)
                {
                    throw otherPart ? Malformed() : TooLarge(max);
                }

                // Only a body without Content-Length (chunked) gets here with room still to grow.
                Array.Resize(ref buffer, (int)Math.Min(max + 1, (long)buffer.Length * 2));
            }

            var read = await part.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
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
