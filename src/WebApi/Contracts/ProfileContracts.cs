using CleanProfiles.Application.Common.Models;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.UploadPicture;

namespace CleanProfiles.WebApi.Contracts;

// Responses are the application's DTOs, named on the wire by WireNamingPolicy; these types only add the envelopes of
// the original contract.

public sealed record GetProfileResponse(ProfileDto Profile);

public sealed record UpdateProfileResponse(bool Success, ProfileDto Profile);

/// <summary>Any subset of the fields; an absent field stays unchanged.</summary>
public sealed record UpdateProfileRequest
{
    /// <summary>1 to 100 characters.</summary>
    public Optional<string?> Name { get; init; }

    /// <summary>At most 160 characters; null or empty clears it.</summary>
    public Optional<string?> Headline { get; init; }

    /// <summary>At most 2000 characters; null or empty clears it.</summary>
    public Optional<string?> Bio { get; init; }

    /// <summary>Between 1900 and ten years from now; null clears it.</summary>
    public Optional<int?> GraduationYear { get; init; }

    /// <summary>
    /// The <c>s3Key</c> returned by <c>POST /api/profile/upload-picture</c> for one of your own uploads, or null to
    /// remove the picture. URLs are refused.
    /// </summary>
    public Optional<string?> ProfilePictureKey { get; init; }
}

/// <summary>
/// The result of an upload: preview it with <c>url</c> (or <c>thumbnail_url</c>), save <c>s3Key</c> with
/// <c>PUT /api/profile/update</c>. The stored picture is re-encoded (JPEG, or WebP when it has transparency) without
/// any metadata; <c>content_type</c>, <c>size_bytes</c>, <c>width</c> and <c>height</c> describe it, not the upload.
/// </summary>
public sealed record UploadPictureResponse : UploadedPictureDto
{
    public UploadPictureResponse(UploadedPictureDto uploaded)
        : base(uploaded)
    {
    }

    // Always true: failures are problems, never bodies with success: false. First on the wire, as in the original.
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public bool Success { get; init; } = true;
}
