using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanProfiles.Infrastructure.Persistence;

/// <summary>
/// EF Core runs every query and every save through its execution strategy, so this is where database outages become
/// <see cref="Application.Common.Exceptions.DependencyUnavailableException"/> once, for reads and writes alike. It does
/// not retry: a request that fails answers 503 at once and the client decides.
/// </summary>
internal sealed class OutageTranslatingExecutionStrategy(ExecutionStrategyDependencies dependencies) : IExecutionStrategy
{
    public bool RetriesOnFailure => false;

    public TResult Execute<TState, TResult>(
        TState state,
        Func<DbContext, TState, TResult> operation,
        Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
    {
        try
        {
            return operation(dependencies.CurrentContext.Context, state);
        }
        catch (Exception e) when (Outages.IsOutage(e, CancellationToken.None))
        {
            throw new Application.Common.Exceptions.DependencyUnavailableException(Outages.Database, e);
        }
    }

    public Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default) =>
        Outages.TranslateAsync(Outages.Database, () => operation(dependencies.CurrentContext.Context, state, cancellationToken), cancellationToken);
}
