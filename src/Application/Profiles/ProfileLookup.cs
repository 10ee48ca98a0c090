using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Profiles;

namespace CleanProfiles.Application.Profiles;

internal static class ProfileLookup
{
    /// <summary>The caller's profile; every account has one, so a missing one is reported, not assumed.</summary>
    public static async Task<UserProfile> GetExistingAsync(this IProfileRepository profiles, Guid userId, CancellationToken cancellationToken) =>
        await profiles.GetAsync(userId, cancellationToken)
            ?? throw new ApplicationErrorException(ErrorKind.NotFound, "The profile does not exist.");
}
