namespace CleanProfiles.Application.Profiles;

/// <summary>The public view of a profile; the picture is a ready-to-use URL or null.</summary>
public sealed record ProfileDto(
    Guid UserId,
    string Name,
    string? Headline,
    string? Bio,
    int? GraduationYear,
    string? ProfilePictureUrl,
    DateTimeOffset UpdatedAt);
