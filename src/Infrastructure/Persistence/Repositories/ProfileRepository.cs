using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Profiles;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.Persistence.Repositories;

internal sealed class ProfileRepository(ProfilesDbContext db) : IProfileRepository
{
    public Task<UserProfile?> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);

    public void Add(UserProfile profile) => db.Profiles.Add(profile);

    public async Task<IReadOnlyList<UserProfile>> ListAsync(
        CommunityPosition? after, int count, CancellationToken cancellationToken)
    {
        var query = db.Profiles.AsNoTracking();
        if (after is not null)
        {
            // Keyset pagination: the comparison and the ORDER BY run in the same database, so they agree on collation.
            // Translated to SQL (no .NET culture is involved): the overload with a StringComparison does not translate.
#pragma warning disable CA1309
            query = query.Where(p => string.Compare(p.Name, after.Name) > 0
                || (p.Name == after.Name && p.UserId.CompareTo(after.UserId) > 0));
#pragma warning restore CA1309
        }

        return await query.OrderBy(p => p.Name).ThenBy(p => p.UserId).Take(count).ToListAsync(cancellationToken);
    }
}
