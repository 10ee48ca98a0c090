using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanProfiles.Infrastructure.Health;

public static class HealthTags
{
    /// <summary>Checks that decide whether the instance should receive traffic.</summary>
    public const string Ready = "ready";
}

internal sealed class DatabaseHealthCheck(ProfilesDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A real query, not just a TCP connect: proves credentials, database and schema.
            _ = await db.Users.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable or not migrated.");
        }
    }
}

internal sealed class StorageHealthCheck(IStorageProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe.CheckReachableAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The object store is not reachable with the configured credentials.");
        }
    }
}
