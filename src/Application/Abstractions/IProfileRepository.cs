using CleanProfiles.Domain.Profiles;

namespace CleanProfiles.Application.Abstractions;

public interface IProfileRepository
{
    Task<UserProfile?> GetAsync(Guid userId, CancellationToken cancellationToken);

    void Add(UserProfile profile);

    /// <summary>Profiles ordered by name then user id, starting strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<UserProfile>> ListAsync(CommunityPosition? after, int count, CancellationToken cancellationToken);
}

/// <summary>A position in the community order (name, then user id).</summary>
public sealed record CommunityPosition(string Name, Guid UserId);
