namespace CleanProfiles.Application.Common;

/// <summary>
/// The one rule for when a signed picture URL is signed and how long it is valid, so that every instance hands out the
/// byte-identical URL for a key without sharing anything but configuration. Time is cut into windows of
/// <c>Pictures:UrlReuseWindow</c> counted from the Unix epoch; a URL handed out during a window is signed at the window's
/// start and lives the lifetime L from there, so it stays valid for at least L − window from any moment it is handed
/// out, and <see cref="Expires"/> is exactly what its signature says. The window is at most half the lifetime.
/// When temporary credentials expire before the URL would, the URL ends with them and the window halves until it is at
/// most half of what they leave from its start: the same rule with the credentials' remaining life as the lifetime.
/// All times are whole seconds (SigV4's X-Amz-Date and the local store's expiry have no finer precision).
/// </summary>
/// <param name="Start">The window's start: the signing time.</param>
/// <param name="End">The window's end: from then on the next window's URL is handed out.</param>
/// <param name="Expires">When the URL stops working.</param>
public readonly record struct UrlWindow(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Expires)
{
    /// <summary>
    /// Credentials this close to expiry are being renewed by the SDK; a URL signed with them still gets this long, rather
    /// than one that is dead on arrival.
    /// </summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The lifetime the URL's signature carries (from <see cref="Start"/> to <see cref="Expires"/>).</summary>
    public TimeSpan Lifetime => Expires - Start;

    /// <param name="now">The injected clock's time.</param>
    /// <param name="window">The configured reuse window; shortened to half of <paramref name="lifetime"/> when longer.</param>
    /// <param name="lifetime">The URL's lifetime, already cut to the store's maximum.</param>
    /// <param name="credentialsExpire">When the signing credentials expire, for temporary ones.</param>
    public static UrlWindow At(DateTimeOffset now, TimeSpan window, TimeSpan lifetime, DateTimeOffset? credentialsExpire = null)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var life = Math.Max(1, (long)lifetime.TotalSeconds);
        var width = Math.Clamp((long)window.TotalSeconds, 1, Math.Max(1, life / 2));
        var start = Floor(nowSeconds, width);
        var expires = start + life;
        if (credentialsExpire?.ToUnixTimeSeconds() is { } credentialsEnd && credentialsEnd < expires)
        {
            while (width > 1 && credentialsEnd - start < 2 * width)
            {
                width /= 2;
                start = Floor(nowSeconds, width);
            }

            expires = Math.Max(Math.Min(start + life, credentialsEnd), start + (long)MinimumLifetime.TotalSeconds);
        }

        return new UrlWindow(
            DateTimeOffset.FromUnixTimeSeconds(start),
            DateTimeOffset.FromUnixTimeSeconds(start + width),
            DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    private static long Floor(long seconds, long width) => seconds - (((seconds % width) + width) % width);
}
