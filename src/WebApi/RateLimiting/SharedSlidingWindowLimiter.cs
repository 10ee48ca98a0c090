using System.Threading.RateLimiting;

namespace CleanProfiles.WebApi.RateLimiting;

/// <summary>
/// A sliding-window limiter for one partition, counted in Redis (<see cref="RedisLimitStore"/>) so the limit holds across
/// instances, and in process while Redis does not answer. The decision is asynchronous: the synchronous attempt always
/// declines, which makes ASP.NET Core's rate-limiting middleware ask <see cref="AcquireAsyncCore"/>.
/// </summary>
internal sealed class SharedSlidingWindowLimiter(RedisLimitStore store, LimitPartition partition, SlidingWindowRateLimiter fallback)
    : RateLimiter
{
    private static readonly RateLimitLease Deferred = new Lease(acquired: false, retryAfter: null);
    private static readonly RateLimitLease Counted = new Lease(acquired: true, retryAfter: null);

    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var wait = await store.TryCountAsync([partition], Guid.NewGuid().ToString("N"));
        return wait switch
        {
            null => fallback.AttemptAcquire(permitCount), // Redis is down: this instance counts on its own
            { } w when w <= TimeSpan.Zero => Counted,
            { } w => new Lease(acquired: false, w),
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
