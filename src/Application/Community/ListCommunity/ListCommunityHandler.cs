using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using Mediator;

namespace CleanProfiles.Application.Community.ListCommunity;

public sealed class ListCommunityHandler(IProfileRepository profiles, ProfileViews views)
    : IQueryHandler<ListCommunityQuery, CommunityPageDto>
{
    public async ValueTask<CommunityPageDto> Handle(ListCommunityQuery query, CancellationToken cancellationToken)
    {
        CommunityPosition? after = null;
        if (query.Cursor is not null && !CommunityCursor.TryDecode(query.Cursor, out after))
        {
            throw ValidationFailedException.For(nameof(ListCommunityQuery.Cursor), "The cursor is not one a previous page returned.");
        }

        // One extra row tells whether another page exists without a COUNT.
        var rows = await profiles.ListAsync(after, query.Limit + 1, cancellationToken);
        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit
            ? CommunityCursor.Encode(new CommunityPosition(page[^1].Name, page[^1].UserId))
            : null;
        return new CommunityPageDto(await views.ToDtosAsync(page, cancellationToken), next);
    }
}
