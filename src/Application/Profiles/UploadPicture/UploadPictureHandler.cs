using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Pictures;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Application.Profiles.UploadPicture;

/// <summary>
/// Bounded read, then the image processor (the whole picture policy: type, declared size, decode, re-encode without
/// metadata) makes the picture and its thumbnail, which are stored under a fresh server-chosen key and recorded.
/// </summary>
public sealed class UploadPictureHandler(
    IProfileRepository profiles,
    IPictureUploadRepository uploads,
    IUnitOfWork unitOfWork,
    IObjectStorage storage,
    IImageProcessor imageProcessor,
    PictureCleanup pictureCleanup,
    TimeProvider clock,
    IOptions<PicturesOptions> options) : ICommandHandler<UploadPictureCommand, UploadedPictureDto>
{
    public async ValueTask<UploadedPictureDto> Handle(UploadPictureCommand command, CancellationToken cancellationToken)
    {
        _ = await profiles.GetExistingAsync(command.UserId, cancellationToken);

        var settings = options.Value;
        using var content = await ReadBoundedAsync(command.File, settings.MaxBytes, cancellationToken);
        if (content.Length == 0)
        {
            throw ValidationFailedException.For(nameof(UploadPictureCommand.File), "The upload is empty.");
        }

        ProcessedPicture processed;
        try
        {
            processed = await imageProcessor.ProcessAsync(content.GetBuffer().AsMemory(0, (int)content.Length), cancellationToken);
        }
        catch (PictureRejectedException e)
        {
            throw Refused(e);
        }

        var now = clock.UtcNowMilliseconds();
        var picture = processed.Picture;
        var key = PictureKey.Create(command.UserId, now, picture.Format);
        try
        {
            await Task.WhenAll(
                PutAsync(key.Value, processed.Picture, cancellationToken),
                PutAsync(key.ThumbnailKey, processed.Thumbnail, cancellationToken));
            uploads.Add(new PictureUpload(key, picture.Format.ContentType, picture.Content.Length, picture.Width, picture.Height, now));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Without its record nothing could attach or clean up these objects: take them back out.
            await pictureCleanup.TryDeleteObjectsAsync(key);
            throw;
        }

        var url = await storage.GetReadUrlAsync(key.Value, settings.UrlLifetime, cancellationToken);
        var thumbnailUrl = await storage.GetReadUrlAsync(key.ThumbnailKey, settings.UrlLifetime, cancellationToken);
        return new UploadedPictureDto(
            url.Url.AbsoluteUri,
            key.Value,
            thumbnailUrl.Url.AbsoluteUri,
            url.ExpiresAt,
            picture.Format.ContentType,
            picture.Content.Length,
            picture.Width,
            picture.Height);
    }

    /// <summary>What a refused picture means for the uploader.</summary>
    private static ApplicationErrorException Refused(PictureRejectedException rejection) => rejection.Reason switch
    {
        PictureRejection.TooManyPixels => new ApplicationErrorException(ErrorKind.TooLarge, rejection.Message, rejection),
        PictureRejection.NotAnAcceptedFormat => new ApplicationErrorException(ErrorKind.UnsupportedContent, rejection.Message, rejection),
        _ => ValidationFailedException.For(nameof(UploadPictureCommand.File), rejection.Message),
    };

    private static ApplicationErrorException TooLarge(long maxBytes) =>
        new(ErrorKind.TooLarge, $"The file is larger than the limit of {maxBytes} bytes.");

    private async Task PutAsync(string key, EncodedImage image, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(image.Content, writable: false);
        await storage.PutAsync(key, stream, image.Format.ContentType, cancellationToken);
    }

    /// <summary>Copies at most <paramref name="maxBytes"/> + 1 bytes, so an oversized body is detected without being read whole.</summary>
    private static async Task<MemoryStream> ReadBoundedAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        // A buffered form file knows its length: allocate exactly that, so the bytes are never copied again.
        var knownLength = source.CanSeek ? source.Length - source.Position : -1;
        if (knownLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var buffer = new MemoryStream(knownLength > 0 ? (int)knownLength : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                await buffer.DisposeAsync();
                throw TooLarge(maxBytes);
            }
        }

        return buffer;
    }
}
