using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.Controllers;

/// <summary>
/// Reads the upload form under tight limits before model binding, derived from <c>Pictures:MaxBytes</c>:
/// a declared Content-Length over the limit is refused before a byte is read, a chunked body the moment it passes the
/// limit (413); files go to temp disk beyond 64 KiB, never whole into memory; part counts and part headers stay small (400).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UploadLimitsAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Room for the multipart boundary and part headers around the file itself.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    public bool IsReusable => true;

    // Runs after authentication (an anonymous caller is refused before its body is read) and before model binding.
    public int Order => 900;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new Filter(serviceProvider.GetRequiredService<IOptions<PicturesOptions>>().Value.MaxBytes);

    private sealed class Filter(long maxFileBytes) : IAsyncAuthorizationFilter
    {
        private readonly long bodyLimit = maxFileBytes + MultipartOverheadBytes;

        private FormOptions FormOptions => new()
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

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            var request = http.Request;
            if (request.ContentLength > bodyLimit)
            {
                throw TooLarge(maxFileBytes);
            }

            if (!request.HasFormContentType)
            {
                return; // [Consumes] answers 415
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            {
                serverLimit.MaxRequestBodySize = bodyLimit + 1; // ours below fires first, with the same answer
            }

            request.Body = new LimitedReadStream(request.Body, bodyLimit);
            http.Features.Set<IFormFeature>(new FormFeature(request, FormOptions));
            try
            {
                await request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is BodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                throw TooLarge(maxFileBytes);
            }
            catch (Exception e) when (e is InvalidDataException || (e is IOException && !http.RequestAborted.IsCancellationRequested))
            {
                // Malformed or cut-off multipart (no closing boundary, body ends mid-part), too many parts, huge headers.
                throw ValidationFailedException.For(
                    nameof(Application.Profiles.UploadPicture.UploadPictureCommand.File), "The multipart body is malformed, incomplete, or has too many parts or too large part headers; send one part named 'file'.");
            }
        }
    }

    private static ApplicationErrorException TooLarge(long maxBytes) =>
        new(ErrorKind.TooLarge, $"The file is larger than the limit of {maxBytes} bytes.");

    /// <summary>Counts what is read and stops at the limit, whatever the framing (Content-Length or chunked).</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => total; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            total += read;
            return total > limit ? throw new BodyTooLargeException() : read;
        }
    }

    private sealed class BodyTooLargeException() : IOException("The request body is larger than this endpoint accepts.");
}
