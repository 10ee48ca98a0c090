namespace CleanProfiles.Application.Common;

public static class ClockExtensions
{
    /// <summary>
    /// Now, cut to whole milliseconds: every database keeps that precision, so a timestamp reads back exactly as
    /// the response that wrote it showed it.
    /// </summary>
    public static DateTimeOffset UtcNowMilliseconds(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
