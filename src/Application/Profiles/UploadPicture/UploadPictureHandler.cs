using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Pictures;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Application.Profiles.UploadPicture;

public sealed class UploadPictureHandler(
    IProfileRepository profiles,
    IPictureUploadRepository uploads,
    IUnitOfWork unitOfWork,
    IObjectStorage storage,
    PictureCleanup pictureCleanup,
    TimeProvider clock,
    IOptions<PicturesOptions> options) : ICommandHandler<UploadPictureCommand, UploadedPictureDto>
{
    public async ValueTask<UploadedPictureDto> Handle(UploadPictureCommand command, CancellationToken cancellationToken)
    {
        _ = await profiles.GetAsync(command.UserId, cancellationToken)
            ?? throw new NotFoundException("The profile does not exist.");

        var limits = options.Value;
        using var content = await ReadBoundedAsync(command.Content, limits.MaxBytes, cancellationToken);
        if (content.Length == 0)
        {
            throw RequestValidationException.For("file", "The file is empty.");
        }

        var format = ImageFormat.Detect(content.GetBuffer().AsSpan(0, (int)Math.Min(content.Length, ImageFormat.SignatureLength)))
            ?? throw new UnsupportedMediaTypeException("The file is not a JPEG, PNG, GIF or WebP image.");

        var now = clock.UtcNowMilliseconds();
        var key = PictureKey.Create(command.UserId, now, format);
        content.Position = 0;
        await storage.PutAsync(key.Value, content, format.ContentType, cancellationToken);

        uploads.Add(new PictureUpload(key, format.ContentType, content.Length, width: null, height: null, now));
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Without its record the object could never be attached or cleaned up: take it back out.
            await pictureCleanup.TryDeleteObjectsAsync(key);
            throw;
        }

        var url = storage.GetReadUrl(key.Value, limits.UrlLifetime);
        return new UploadedPictureDto(key.Value, url.Url.AbsoluteUri, url.ExpiresAt, format.ContentType, content.Length);
    }

    /// <summary>Copies at most <paramref name="maxBytes"/> + 1 bytes, so an oversized body is detected without being read whole.</summary>
    private static async Task<MemoryStream> ReadBoundedAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                await buffer.DisposeAsync();
                throw new PayloadTooLargeException(maxBytes);
            }
        }

        return buffer;
    }
}
