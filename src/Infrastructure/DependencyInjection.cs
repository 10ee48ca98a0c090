using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Configuration;
using CleanProfiles.Infrastructure.Health;
using CleanProfiles.Infrastructure.Identity;
using CleanProfiles.Infrastructure.Images;
using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Persistence, object storage, images, identity and health checks. With the local-disk store the host must register
    /// a scoped <see cref="MediaLinkBase"/>: where that store's links start for the current request.
    /// </summary>
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<InfrastructureStartup>(); // first: the sweeper must not run before migrations
        services.AddPersistence(environment);
        services.AddStorage(configuration);
        services.AddIdentityServices();
        services.AddSingleton(sp => PictureLimits.From(sp.GetRequiredService<IOptions<PicturesOptions>>().Value));
        services.AddSingleton<IImageProcessor, NetVipsImageProcessor>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthTags.Ready]);
        return services;
    }

    private static IServiceCollection AddIdentityServices(this IServiceCollection services)
    {
        services.AddSettings<JwtOptions, JwtOptionsValidator>(JwtOptions.SectionName);
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        return services;
    }
}
