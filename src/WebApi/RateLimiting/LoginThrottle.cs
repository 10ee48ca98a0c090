using System.Threading.RateLimiting;
using CleanProfiles.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.RateLimiting;

/// <summary>
/// Login attempts per email address, whatever client address they come from: a password guesser spreading over many
/// addresses still gets only a few tries per account. Lives beside the controller because the email is in the body.
/// </summary>
public sealed class LoginThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetSlidingWindowLimiter(email, _ => RateLimitSetup.WindowOf(options.Value.LoginsPerMinutePerEmail)));

    public RateLimitLease TryAcquire(string email) => limiter.AttemptAcquire(UserAccount.NormalizeEmail(email));

    public void Dispose() => limiter.Dispose();
}
