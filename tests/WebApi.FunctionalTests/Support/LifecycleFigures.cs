using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>What a client got, and how long it waited; status 0 when no answer came within the client's own patience.</summary>
public sealed record TimedAnswer(HttpStatusCode Status, TimeSpan Elapsed, string? RetryAfter)
{
    /// <summary>How long a test client waits for any answer: far beyond every deadline of the app.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(75);

    public static async Task<TimedAnswer> OfAsync(Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        using var patience = new CancellationTokenSource(Patience);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send(patience.Token);
            return new TimedAnswer(response.StatusCode, clock.Elapsed, response.Headers.RetryAfter?.ToString());
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            return new TimedAnswer(0, clock.Elapsed, null);
        }
    }
}

/// <summary>
/// Appends one line per fault case (case, backend, status, seconds, invariant before and after the sweep) to the file named
/// by CLEANPROFILES_LIFECYCLE_FIGURES, for benchmarks/lifecycle.sh; written before the assertions, so a failing build is
/// measured too.
/// </summary>
public static class LifecycleFigures
{
    public const string Variable = "CLEANPROFILES_LIFECYCLE_FIGURES";

    private static readonly Lock Gate = new();

    public static void Record(string @case, Backend backend, TimedAnswer answer, LifecycleSnapshot before, LifecycleSnapshot after)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{@case}\t{backend}\t{(int)answer.Status}\t{answer.Elapsed.TotalSeconds:F2}\t{Verdict(before, sweep: false)}\t{Verdict(after, sweep: true)}");
        TestContext.Out.WriteLine(line);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllLines(path, [line]);
            }
        }
    }

    private static string Verdict(LifecycleSnapshot state, bool sweep)
    {
        var broken = state.BrokenReferences().Count;
        var orphans = sweep ? state.OrphansAfterSweep().Count : 0;
        return broken == 0 && orphans == 0
            ? "holds"
            : string.Create(CultureInfo.InvariantCulture, $"broken: {broken} broken references, {orphans} orphaned objects");
    }
}
