namespace CleanProfiles.Application.Profiles;

/// <summary>The public view of a profile; the picture and its thumbnail are ready-to-use URLs or null.</summary>
public sealed record ProfileDto(
    Guid UserId,
    string Name,
    string? Headline,
    string? Bio,
    int? GraduationYear,
    string? ProfilePictureUrl,
    string? ProfilePictureThumbnailUrl,
    DateTimeOffset UpdatedAt);
