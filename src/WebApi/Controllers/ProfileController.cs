using CleanProfiles.Application.Profiles.DeletePicture;
using CleanProfiles.Application.Profiles.GetProfile;
using CleanProfiles.Application.Profiles.UpdateProfile;
using CleanProfiles.Application.Profiles.UploadPicture;
using CleanProfiles.WebApi.Authentication;
using CleanProfiles.WebApi.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CleanProfiles.WebApi.RateLimiting;
using CleanProfiles.WebApi.Uploads;

namespace CleanProfiles.WebApi.Controllers;

/// <summary>The caller's own profile and picture.</summary>
[ApiController]
[Route("api/profile")]
[Authorize]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
public sealed class ProfileController(ISender sender) : ControllerBase
{
    /// <summary>The caller's profile; a stored picture comes back as a fresh signed URL.</summary>
    /// <response code="200">The profile.</response>
    /// <response code="404">The account has no profile.</response>
    [HttpGet]
    [ProducesResponseType<GetProfileResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<GetProfileResponse>> Get(CancellationToken cancellationToken)
    {
        return new GetProfileResponse(await sender.Send(new GetProfileQuery(User.GetUserId()), cancellationToken));
    }

    /// <summary>Uploads a profile picture (JPEG, PNG, GIF or WebP, at most 5 MiB by default).</summary>
    /// <remarks>
    /// The picture is stored privately under a server-chosen key. Show it with <c>url</c> (a signed URL that expires);
    /// save <c>s3Key</c> as <c>profile_picture_url</c> with <c>PUT /api/profile/update</c> to make it the profile picture.
    /// The type is decided by the file's content, not by its name or Content-Type. The picture is decoded and re-encoded
    /// (EXIF orientation applied; EXIF, GPS, XMP, ICC and comments removed; animated GIFs keep their first frame), scaled
    /// to at most 1024 px on its longest side, and stored with a 256 x 256 thumbnail.
    /// </remarks>
    /// <response code="200">Stored.</response>
    /// <response code="400">No <c>file</c> part, more than one, an empty file, or an image that does not decode.</response>
    /// <response code="413">The file is larger than the byte limit, or the image declares more pixels than accepted
    /// (more than 10,000 on a side or 40 megapixels by default), or decoding it would need more memory than the whole
    /// decode budget.</response>
    /// <response code="422">A JPEG with more scans than accepted (100 by default), or processing took longer than the
    /// deadline (5 seconds by default) and was stopped. Nothing is stored.</response>
    /// <response code="429">More uploads than allowed per minute for this user (10 by default); see Retry-After.</response>
    /// <response code="415">The content is not a JPEG, PNG, GIF or WebP image, or the request is not multipart/form-data.</response>
    [HttpPost("upload-picture")]
    [Consumes("multipart/form-data")]
    [EnableRateLimiting(RateLimitSetup.UploadsPolicy)]
    [PictureUpload]
    [ProducesResponseType<UploadPictureResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult<UploadPictureResponse>> UploadPicture(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        using var file = await PictureUploadForm.ReadFileAsync(Request, cancellationToken);
        return new UploadPictureResponse(await sender.Send(new UploadPictureCommand(userId, file.Bytes), cancellationToken));
    }

    /// <summary>Changes any subset of the profile's fields.</summary>
    /// <remarks>
    /// Absent fields stay unchanged. <c>profile_picture_url</c> takes the <c>s3Key</c> of one of your own uploads;
    /// <c>null</c> removes the picture. Any URL, another user's key or an unknown key is refused.
    /// </remarks>
    /// <response code="200">The updated profile.</response>
    /// <response code="400">A field is invalid (see <c>errors</c>); nothing was changed.</response>
    /// <response code="409">The profile was changed by another request at the same time; read it again and retry.</response>
    [HttpPut("update")]
    [Consumes("application/json")]
    [ProducesResponseType<UpdateProfileResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<UpdateProfileResponse>> Update(UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var profile = await sender.Send(
            new UpdateProfileCommand(
                User.GetUserId(),
                request.Name,
                request.Headline,
                request.Bio,
                request.GraduationYear,
                request.ProfilePictureKey),
            cancellationToken);
        return new UpdateProfileResponse(true, profile);
    }

    /// <summary>Deletes the profile picture and its stored object. Succeeds also when there is no picture.</summary>
    /// <response code="204">The profile has no picture now.</response>
    [HttpDelete("picture")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> DeletePicture(CancellationToken cancellationToken)
    {
        await sender.Send(new DeletePictureCommand(User.GetUserId()), cancellationToken);
        return NoContent();
    }
}
