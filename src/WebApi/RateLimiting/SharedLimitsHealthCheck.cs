using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanProfiles.WebApi.RateLimiting;

/// <summary>
/// Readiness of the shared abuse limits: Degraded, not Unhealthy, when Redis does not answer, because requests are
/// still served (each instance counts the limits on its own meanwhile); taking instances out of the load balancer
/// for it would turn a weaker limit into an outage.
/// </summary>
internal sealed class SharedLimitsHealthCheck(RedisLimitStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync()
            ? HealthCheckResult.Healthy("Counted in Redis, shared by every instance.")
            : HealthCheckResult.Degraded("Redis is not answering: each instance counts the abuse limits on its own until it is back.");
}
