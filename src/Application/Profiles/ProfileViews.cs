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

    public async Task<ProfileDto> ToDtoAsync(UserProfile profile, CancellationToken cancellationToken) => new(
        profile.UserId,
        profile.Name,
        profile.Headline,
        profile.Bio,
        profile.GraduationYear,
        await PictureUrlAsync(profile.Picture, thumbnail: false, cancellationToken),
        await PictureUrlAsync(profile.Picture, thumbnail: true, cancellationToken),
        profile.UpdatedAt);

    /// <summary>Public views of several profiles, in their order.</summary>
    public async Task<IReadOnlyList<ProfileDto>> ToDtosAsync(IEnumerable<UserProfile> profiles, CancellationToken cancellationToken)
    {
        var views = new List<ProfileDto>();
        foreach (var profile in profiles)
        {
            views.Add(await ToDtoAsync(profile, cancellationToken));
        }

        return views;
    }

    /// <summary>A signed URL for a stored key (or its thumbnail), a safe legacy URL as stored (it has no thumbnail), else null.</summary>
    public async Task<string?> PictureUrlAsync(PictureReference? picture, bool thumbnail, CancellationToken cancellationToken)
    {
        if (picture is null)
        {
            return null;
        }

        if (picture.Key is { } key)
        {
            var url = await storage.GetReadUrlAsync(thumbnail ? key.ThumbnailKey : key.Value, options.UrlLifetime, cancellationToken);
            return url.Url.AbsoluteUri;
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
