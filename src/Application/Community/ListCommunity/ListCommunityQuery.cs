using CleanProfiles.Application.Profiles;
using Mediator;

namespace CleanProfiles.Application.Community.ListCommunity;

/// <summary>One page of the community, ordered by name then user id.</summary>
public sealed record ListCommunityQuery(int Limit = ListCommunityQuery.DefaultLimit, string? Cursor = null)
    : IQuery<CommunityPageDto>
{
    public const int DefaultLimit = 24;
    public const int MaxLimit = 100;
}

public sealed record CommunityPageDto(IReadOnlyList<ProfileDto> Alumni, string? NextCursor);
