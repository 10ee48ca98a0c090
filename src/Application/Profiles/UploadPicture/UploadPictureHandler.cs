using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Pictures;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Application.Profiles.UploadPicture;

/// <summary>
/// The image processor (the whole picture policy: type, declared size, decode, re-encode without metadata) makes the
/// picture and its thumbnail from the upload, which are stored under a fresh server-chosen key: recorded as pending first,
/// then written, then marked stored. A failure leaves the pending record for the orphan sweep.
/// </summary>
public sealed class UploadPictureHandler(
    IProfileRepository profiles,
    IPictureUploadRepository uploads,
    IUnitOfWork unitOfWork,
    IObjectStorage storage,
    IImageProcessor imageProcessor,
    TimeProvider clock,
    IOptions<PicturesOptions> options) : ICommandHandler<UploadPictureCommand, UploadedPictureDto>
{
    public async ValueTask<UploadedPictureDto> Handle(UploadPictureCommand command, CancellationToken cancellationToken)
    {
        _ = await profiles.GetExistingAsync(command.UserId, cancellationToken);

        var settings = options.Value;
        ProcessedPicture processed;
        try
        {
            processed = await imageProcessor.ProcessAsync(command.File, command.UserId, cancellationToken);
        }
        catch (PictureRejectedException e)
        {
            throw Refused(e);
        }

        var now = clock.UtcNowMilliseconds();
        var picture = processed.Picture;
        var key = PictureKey.Create(command.UserId, now, picture.Format);
        var upload = new PictureUpload(key, picture.Format.ContentType, picture.Content.Length, picture.Width, picture.Height, now);

        // Intent before bytes: the pending record commits before any object is written, so whatever happens next (a
        // failed or lost PUT, a deadline, a crash) the orphan sweep knows these keys and deletes what was written.
        uploads.Add(upload);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        await Task.WhenAll(
            PutAsync(key.Value, processed.Picture, cancellationToken),
            PutAsync(key.ThumbnailKey, processed.Thumbnail, cancellationToken));
        upload.MarkStored();
        await unitOfWork.SaveChangesAsync(cancellationToken);

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
        PictureRejection.TooManyPixels or PictureRejection.TooLargeToDecode =>
            new ApplicationErrorException(ErrorKind.TooLarge, rejection.Message, rejection),
        PictureRejection.TooManyScans or PictureRejection.TimedOut =>
            new ApplicationErrorException(ErrorKind.TooCostly, rejection.Message, rejection),
        PictureRejection.NotAnAcceptedFormat => new ApplicationErrorException(ErrorKind.UnsupportedContent, rejection.Message, rejection),
        _ => ValidationFailedException.For(nameof(UploadPictureCommand.File), rejection.Message),
    };

    private async Task PutAsync(string key, EncodedImage image, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(image.Content, writable: false);
        await storage.PutAsync(key, stream, image.Format.ContentType, cancellationToken);
    }
}
