using CleanProfiles.Application.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApp.BrowserTests.Support;

/// <summary>
/// Stages a real "changed elsewhere": armed with a change, the next request that commits runs that change first (say,
/// another HTTP request that edits the same profile) and then commits its own, older version of the row, which the
/// database refuses on its concurrency token, so the API answers its genuine 409.
/// </summary>
public sealed class ChangeBeforeSave
{
    private Func<Task>? armed;

    /// <summary>Runs <paramref name="change"/> right before the next commit of any request, once.</summary>
    public void Arm(Func<Task> change) => armed = change;

    public bool Fired { get; private set; }

    /// <summary>Wraps the app's unit of work with this hook.</summary>
    public void Register(IServiceCollection services)
    {
        var original = services.Single(d => d.ServiceType == typeof(IUnitOfWork));
        services.Remove(original);
        services.AddScoped<IUnitOfWork>(provider => new Hooked(
            (IUnitOfWork)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), this));
    }

    private async Task RunArmedAsync()
    {
        // Taken before it runs: the change's own request commits through this hook too.
        var change = Interlocked.Exchange(ref armed, null);
        if (change is not null)
        {
            await change();
            Fired = true;
        }
    }

    private sealed class Hooked(IUnitOfWork inner, ChangeBeforeSave hook) : IUnitOfWork
    {
        public async Task SaveChangesAsync(CancellationToken cancellationToken)
        {
            await hook.RunArmedAsync();
            await inner.SaveChangesAsync(cancellationToken);
        }
    }
}
