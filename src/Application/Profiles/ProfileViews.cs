using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Application.Profiles;

/// <summary>Turns profiles into their public view: stored keys become signed URLs, safe legacy URLs pass through, the rest is hidden.</summary>
public sealed class ProfileViews(IObjectStorage storage, IOptions<PicturesOptions> options)
{
    private readonly PicturesOptions options = options.Value;

    public ProfileDto ToDto(UserProfile profile) => new(
        profile.UserId,
        profile.Name,
        profile.Headline,
        profile.Bio,
        profile.GraduationYear,
        PictureUrl(profile.Picture),
        PictureUrl(profile.Picture, thumbnail: true),
        profile.UpdatedAt);

    /// <summary>A signed URL for a stored key (or its thumbnail), a safe legacy URL as stored (it has no thumbnail), else null.</summary>
    public string? PictureUrl(PictureReference? picture, bool thumbnail = false)
    {
        if (picture is null)
        {
            return null;
        }

        if (picture.Key is { } key)
        {
            return storage.GetReadUrl(thumbnail ? key.ThumbnailKey : key.Value, options.UrlLifetime).Url.AbsoluteUri;
        }

        if (picture.LegacyUrl is { } legacy
            && (options.LegacyUrlHosts.Length == 0
                || options.LegacyUrlHosts.Contains(legacy.IdnHost, StringComparer.OrdinalIgnoreCase)))
        {
            return picture.Stored;
        }

        return null;
    }
}
