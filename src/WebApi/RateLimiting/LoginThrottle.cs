using System.Collections.Concurrent;
using CleanProfiles.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.RateLimiting;

/// <summary>
/// Failed sign-ins, counted so that guessing stays expensive without letting a stranger lock the owner out:
/// per (email, client address) with a low limit, and per email, whatever the address, with a much higher one.
/// A stranger who spends the low budget of their own address for someone's email is refused; the owner, from
/// another address, still signs in. Only an attack spread over many addresses reaches the per-email limit, and it is
/// slowed there.
/// </summary>
/// <remarks>
/// An attempt is counted when it begins (so a burst of parallel guesses cannot all pass the check before the first
/// failure is recorded) and handed back when it turns out not to be a wrong password. A success also clears the
/// (email, address) count: the owner who mistyped a few times starts afresh. The partitions are the strings
/// <see cref="PairPartition"/> and <see cref="EmailPartition"/> return; with <c>RateLimits:Redis</c> set they are
/// counted in Redis (<see cref="RedisLimitStore"/>, both partitions in one atomic script), so the limits hold across
/// instances, and in process while Redis does not answer.
/// </remarks>
public sealed class LoginThrottle(IOptions<RateLimitOptions> options, TimeProvider clock, RedisLimitStore? shared = null)
{
    // Stale partitions are swept every so many attempts, so counters for made-up emails do not pile up.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, FailureWindow> windows = new(StringComparer.Ordinal);
    private int attemptsSinceSweep;

    /// <summary>The partition of one email from one client address: <c>login:{email}|{address}</c>, email normalised.</summary>
    public static string PairPartition(string email, string address) => $"login:{UserAccount.NormalizeEmail(email)}|{address}";

    /// <summary>The partition of one email from every address: <c>login:{email}</c>, email normalised.</summary>
    public static string EmailPartition(string email) => $"login:{UserAccount.NormalizeEmail(email)}";

    /// <summary>
    /// Counts an attempt in both partitions (shared through Redis when configured and answering, else in process), or
    /// refuses it with the wait until one more fits.
    /// </summary>
    public async ValueTask<(LoginAttempt? Attempt, TimeSpan RetryAfter)> TryBeginAsync(string email, string address)
    {
        if (shared is not null)
        {
            var limits = options.Value;
            var pair = PairPartition(email, address);
            var perEmail = EmailPartition(email);
            var id = Guid.NewGuid().ToString("N");
            var wait = await shared.TryCountAsync(
                [
                    new LimitPartition(pair, limits.LoginFailuresPerEmailAndAddress, limits.LoginFailureWindow),
                    new LimitPartition(perEmail, limits.LoginFailuresPerEmail, limits.LoginFailureWindow),
                ],
                id);
            if (wait is { } w)
            {
                return w > TimeSpan.Zero ? (null, w) : (new LoginAttempt(shared, pair, perEmail, id), TimeSpan.Zero);
            }

            // Redis did not answer: this instance counts on its own until it is back.
        }

        var local = TryBegin(email, address, out var retryAfter);
        return (local, retryAfter);
    }

    /// <summary>
    /// Counts an attempt in both partitions in process, or refuses it when either has no failures left in the window;
    /// then <paramref name="retryAfter"/> says when the older of the counted failures leaves the window.
    /// </summary>
    public LoginAttempt? TryBegin(string email, string address, out TimeSpan retryAfter)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        SweepNow(now, limits.LoginFailureWindow);
        while (true)
        {
            var pair = windows.GetOrAdd(PairPartition(email, address), _ => new FailureWindow());
            var perEmail = windows.GetOrAdd(EmailPartition(email), _ => new FailureWindow());

            // Both or neither: a refusal by one partition must not spend the other's budget.
            lock (perEmail)
            {
                lock (pair)
                {
                    if (pair.Swept || perEmail.Swept)
                    {
                        continue; // the sweeper took an idle window between GetOrAdd and the lock: take the new one
                    }

                    var pairWait = pair.WaitBeforeNext(now, limits.LoginFailureWindow, limits.LoginFailuresPerEmailAndAddress);
                    var emailWait = perEmail.WaitBeforeNext(now, limits.LoginFailureWindow, limits.LoginFailuresPerEmail);
                    retryAfter = pairWait > emailWait ? pairWait : emailWait;
                    if (retryAfter > TimeSpan.Zero)
                    {
                        return null;
                    }

                    return new LoginAttempt(pair, perEmail, pair.Add(now), perEmail.Add(now));
                }
            }
        }
    }

    private void SweepNow(DateTimeOffset now, TimeSpan window)
    {
        if (Interlocked.Increment(ref attemptsSinceSweep) % SweepEvery != 0)
        {
            return;
        }

        foreach (var (key, failures) in windows)
        {
            lock (failures)
            {
                if (failures.IsEmptyAt(now, window))
                {
                    failures.Swept = true;
                    windows.TryRemove(new KeyValuePair<string, FailureWindow>(key, failures));
                }
            }
        }
    }

    /// <summary>One counted attempt. Dispose without <see cref="Failed"/> hands it back (the password was right, or the
    /// request was refused before any password was checked).</summary>
    public sealed class LoginAttempt : IDisposable, IAsyncDisposable
    {
        private readonly FailureWindow pair = null!;
        private readonly FailureWindow perEmail = null!;
        private readonly long pairEntry;
        private readonly long emailEntry;
        private readonly RedisLimitStore? store;
        private readonly string? pairKey;
        private readonly string? emailKey;
        private readonly string? id;
        private bool failed;
        private bool done;

        internal LoginAttempt(FailureWindow pair, FailureWindow perEmail, long pairEntry, long emailEntry)
        {
            this.pair = pair;
            this.perEmail = perEmail;
            this.pairEntry = pairEntry;
            this.emailEntry = emailEntry;
        }

        /// <summary>An attempt counted in Redis under <paramref name="id"/> in both partitions.</summary>
        internal LoginAttempt(RedisLimitStore store, string pairKey, string emailKey, string id)
        {
            this.store = store;
            this.pairKey = pairKey;
            this.emailKey = emailKey;
            this.id = id;
        }

        /// <summary>The credentials were wrong: the attempt stays counted.</summary>
        public void Failed() => failed = true;

        /// <summary>Signed in: the attempt is handed back and this address's failures for the email are forgotten.</summary>
        public void Succeeded()
        {
            if (store is not null)
            {
                throw new InvalidOperationException("An attempt counted in Redis ends with SucceededAsync.");
            }

            lock (pair)
            {
                pair.Clear();
            }

            Dispose();
        }

        /// <inheritdoc cref="Succeeded"/>
        public async ValueTask SucceededAsync()
        {
            if (store is null)
            {
                Succeeded();
                return;
            }

            // Redis gone meanwhile: the counts stay until they leave the window, as a failure's would.
            done = true;
            await store.TryClearAsync(pairKey!);
            await store.TryForgetAsync([emailKey!], id!);
        }

        public async ValueTask DisposeAsync()
        {
            if (store is null)
            {
                Dispose();
                return;
            }

            if (!done && !failed)
            {
                await store.TryForgetAsync([pairKey!, emailKey!], id!);
            }

            done = true;
        }

        public void Dispose()
        {
            if (store is not null)
            {
                DisposeAsync().AsTask().GetAwaiter().GetResult();
                return;
            }

            if (done || failed)
            {
                done = true;
                return;
            }

            done = true;
            lock (perEmail)
            {
                perEmail.Remove(emailEntry);
            }

            lock (pair)
            {
                pair.Remove(pairEntry);
            }
        }
    }

    /// <summary>The times of the counted attempts of one partition, oldest first. Callers lock it.</summary>
    internal sealed class FailureWindow
    {
        private readonly LinkedList<(long Id, DateTimeOffset At)> entries = new();
        private long nextId;

        /// <summary>Taken out of the map: whoever still holds it takes a fresh one.</summary>
        public bool Swept { get; set; }

        public TimeSpan WaitBeforeNext(DateTimeOffset now, TimeSpan window, int limit)
        {
            while (entries.First is { } oldest && oldest.Value.At + window <= now)
            {
                entries.RemoveFirst();
            }

            if (entries.Count < limit)
            {
                return TimeSpan.Zero;
            }

            // The attempt that has to leave the window before one more fits.
            var blocking = entries.Skip(entries.Count - limit).First();
            return blocking.At + window - now;
        }

        public long Add(DateTimeOffset now)
        {
            var id = ++nextId;
            entries.AddLast((id, now));
            return id;
        }

        public void Remove(long id)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id)
                {
                    entries.Remove(node);
                    return;
                }
            }
        }

        public void Clear() => entries.Clear();

        public bool IsEmptyAt(DateTimeOffset now, TimeSpan window) => entries.Last is not { } newest || newest.Value.At + window <= now;
    }
}
