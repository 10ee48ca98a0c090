using CleanProfiles.Application.Abstractions;
using CleanProfiles.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanProfiles.Infrastructure;

/// <summary>
/// Runs once the settings were validated and before the server accepts requests (hosted services start first):
/// brings the schema up to date when configured to, then builds the object store, so missing credentials stop
/// start-up instead of failing the first upload.
/// </summary>
internal sealed class InfrastructureStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigrateProfilesDatabaseAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        _ = scope.ServiceProvider.GetRequiredService<IObjectStorage>();
    }

    /// <summary>Nothing to undo: start-up only checked and migrated.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
