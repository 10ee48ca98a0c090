using CleanProfiles.Application.Common;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Persistence;

/// <summary>
/// Runs <see cref="SweepOrphanedUploadsCommand"/> every <c>Pictures:OrphanSweepInterval</c>. Safe with many instances:
/// each record is claimed by a conditional update, and deleting an object twice is harmless.
/// </summary>
internal sealed partial class OrphanSweeper(
    IServiceScopeFactory scopes,
    IOptions<PicturesOptions> options,
    TimeProvider clock,
    ILogger<OrphanSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.OrphanSweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepOrphanedUploadsCommand(), stoppingToken);
                if (removed > 0)
                {
                    LogSwept(logger, removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database or store outage: the next round tries again.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} uploads that nothing referenced")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The orphan sweep failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
