using CleanProfiles.Application.Abstractions;
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

namespace CleanProfiles.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPersistence(environment);
        services.AddStorage(configuration);
        services.AddIdentityServices();
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
