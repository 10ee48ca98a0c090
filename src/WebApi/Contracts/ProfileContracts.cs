using System.Text.Json.Serialization;
using CleanProfiles.Application.Common.Models;
using CleanProfiles.Application.Profiles;

namespace CleanProfiles.WebApi.Contracts;

/// <summary>
/// A profile's public fields. The picture is a signed URL of the stored picture (longest side at most 1024 px);
/// the thumbnail a signed URL of its 256 x 256 square crop, for lists. Both are null without a picture.
/// </summary>
public sealed record ProfileResponse(
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("headline")] string? Headline,
    [property: JsonPropertyName("bio")] string? Bio,
    [property: JsonPropertyName("graduation_year")] int? GraduationYear,
    [property: JsonPropertyName("profile_picture_url")] string? ProfilePictureUrl,
    [property: JsonPropertyName("profile_picture_thumbnail_url")] string? ProfilePictureThumbnailUrl,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    public static ProfileResponse From(ProfileDto dto) => new(
        dto.UserId, dto.Name, dto.Headline, dto.Bio, dto.GraduationYear, dto.ProfilePictureUrl, dto.ProfilePictureThumbnailUrl, dto.UpdatedAt);
}

public sealed record GetProfileResponse([property: JsonPropertyName("profile")] ProfileResponse Profile);

public sealed record UpdateProfileResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("profile")] ProfileResponse Profile);

/// <summary>Any subset of the fields; an absent field stays unchanged.</summary>
public sealed record UpdateProfileRequest
{
    /// <summary>1 to 100 characters.</summary>
    [JsonPropertyName("name")]
    public Optional<string?> Name { get; init; }

    /// <summary>At most 160 characters; null or empty clears it.</summary>
    [JsonPropertyName("headline")]
    public Optional<string?> Headline { get; init; }

    /// <summary>At most 2000 characters; null or empty clears it.</summary>
    [JsonPropertyName("bio")]
    public Optional<string?> Bio { get; init; }

    /// <summary>Between 1900 and ten years from now; null clears it.</summary>
    [JsonPropertyName("graduation_year")]
    public Optional<int?> GraduationYear { get; init; }

    /// <summary>
    /// The <c>s3Key</c> returned by <c>POST /api/profile/upload-picture</c> for one of your own uploads, or null to
    /// remove the picture. URLs are refused.
    /// </summary>
    [JsonPropertyName("profile_picture_url")]
    public Optional<string?> ProfilePictureUrl { get; init; }
}

/// <summary>
/// The result of an upload: preview it with <c>url</c> (or <c>thumbnail_url</c>), save <c>s3Key</c> with
/// <c>PUT /api/profile/update</c>. The stored picture is re-encoded (JPEG, or WebP when it has transparency) without
/// any metadata; <c>content_type</c>, <c>size_bytes</c>, <c>width</c> and <c>height</c> describe it, not the upload.
/// </summary>
public sealed record UploadPictureResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("s3Key")] string S3Key,
    [property: JsonPropertyName("thumbnail_url")] string ThumbnailUrl,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height);

/// <summary>Multipart form with exactly one part named <c>file</c>.</summary>
public sealed class UploadPictureRequest
{
    /// <summary>A JPEG, PNG, GIF or WebP image; its content decides the type, not its name or Content-Type.</summary>
    [Microsoft.AspNetCore.Mvc.FromForm(Name = "file")]
    public IFormFile? File { get; init; }
}

public sealed record CommunityResponse(
    [property: JsonPropertyName("alumni")] IReadOnlyList<ProfileResponse> Alumni,
    [property: JsonPropertyName("next_cursor")] string? NextCursor);
