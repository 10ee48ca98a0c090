using System.Collections.Concurrent;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// One call of the app to its object store or its unit of work: <c>put</c>, <c>delete</c>, <c>exists</c> or <c>save</c>,
/// made for <see cref="UserId"/> (null outside a request, as in the sweep) as that user's <see cref="Ordinal"/>-th step.
/// </summary>
public sealed record Step(string Operation, string? Key, Guid? UserId, int Ordinal)
{
    public bool IsThumbnail => Key?.EndsWith(Domain.Pictures.PictureKey.ThumbnailSuffix, StringComparison.Ordinal) == true;
}

/// <summary>
/// Wrappers around the app's object store and unit of work that let a test act before or after any step: fail it as an
/// outage (refused before, or answer lost after the side effect), make it crawl or hang, or stop the request there for
/// good (the process died between that step and the next; nothing of the request runs on, not even its clean-up). Works
/// on every backend, because it wraps the ports, not a server.
/// </summary>
public sealed class StepFaults
{
    private readonly ConcurrentDictionary<Guid, int> ordinals = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> stopped = new();
    private int anonymousOrdinal;

    /// <summary>Called before each step; may throw (refused), delay or hang.</summary>
    public Func<Step, CancellationToken, Task>? BeforeStep { get; set; }

    /// <summary>Called after each step succeeded; may throw (answer lost), or stop the request (<see cref="StopHere"/>).</summary>
    public Func<Step, Task>? AfterStep { get; set; }

    /// <summary>Every step that happened, in order.</summary>
    public ConcurrentQueue<Step> Steps { get; } = new();

    public static Exception Outage() => new DependencyUnavailableException("object store", new IOException("fault injected by the test"));

    /// <summary>Completes when a request of <paramref name="userId"/> (or of no user: <see cref="Guid.Empty"/>) was stopped.</summary>
    public Task StoppedFor(Guid userId) => stopped.GetOrAdd(userId, _ => NewSignal()).Task;

    /// <summary>Stops the request at this point forever, ignoring cancellation: what a killed process does.</summary>
    public Task StopHere(Step step)
    {
        stopped.GetOrAdd(step.UserId ?? Guid.Empty, _ => NewSignal()).TrySetResult();
        return new TaskCompletionSource().Task;
    }

    /// <summary>Wraps the registered <see cref="IObjectStorage"/> and <see cref="IUnitOfWork"/> of the app.</summary>
    public void Install(IServiceCollection services)
    {
        Decorate<IObjectStorage>(services, (sp, inner) => new FaultyStorage(inner, this, sp.GetService<IHttpContextAccessor>()));
        Decorate<IUnitOfWork>(services, (sp, inner) => new FaultyUnitOfWork(inner, this, sp.GetService<IHttpContextAccessor>()));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<Step> BeforeAsync(string operation, string? key, IHttpContextAccessor? http, CancellationToken cancellationToken)
    {
        var user = Guid.TryParse(http?.HttpContext?.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : (Guid?)null;
        var ordinal = user is { } u ? ordinals.AddOrUpdate(u, 1, (_, n) => n + 1) : Interlocked.Increment(ref anonymousOrdinal);
        var step = new Step(operation, key, user, ordinal);
        if (BeforeStep is { } before)
        {
            await before(step, cancellationToken);
        }

        return step;
    }

    private async Task AfterAsync(Step step)
    {
        Steps.Enqueue(step);
        if (AfterStep is { } after)
        {
            await after(step);
        }
    }

    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var inner = services.Last(d => d.ServiceType == typeof(TService));
        services.Add(ServiceDescriptor.Describe(typeof(TService), sp => wrap(sp, (TService)Create(sp, inner)), inner.Lifetime));
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private sealed class FaultyStorage(IObjectStorage inner, StepFaults faults, IHttpContextAccessor? http) : IObjectStorage
    {
        public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
        {
            var step = await faults.BeforeAsync("put", key, http, cancellationToken);
            await inner.PutAsync(key, content, contentType, cancellationToken);
            await faults.AfterAsync(step);
        }

        public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
        {
            var step = await faults.BeforeAsync("exists", key, http, cancellationToken);
            var exists = await inner.ExistsAsync(key, cancellationToken);
            await faults.AfterAsync(step);
            return exists;
        }

        public async Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            var step = await faults.BeforeAsync("delete", key, http, cancellationToken);
            await inner.DeleteAsync(key, cancellationToken);
            await faults.AfterAsync(step);
        }

        public Task<SignedUrl> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
            inner.GetReadUrlAsync(key, lifetime, cancellationToken);
    }

    private sealed class FaultyUnitOfWork(IUnitOfWork inner, StepFaults faults, IHttpContextAccessor? http) : IUnitOfWork
    {
        public async Task SaveChangesAsync(CancellationToken cancellationToken)
        {
            var step = await faults.BeforeAsync("save", null, http, cancellationToken);
            await inner.SaveChangesAsync(cancellationToken);
            await faults.AfterAsync(step);
        }
    }
}
