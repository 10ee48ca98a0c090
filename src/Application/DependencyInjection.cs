using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Configuration;
using CleanProfiles.Application.Profiles;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers validators and application services. The mediator itself is generated in the composition root,
    /// which also registers <see cref="Common.Behaviors.ValidationBehavior{TMessage,TResponse}"/> in its pipeline.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSettings<PicturesOptions, PicturesOptionsValidator>(PicturesOptions.SectionName);
        services.AddScoped<ProfileViews>();
        services.AddScoped<PictureCleanup>();
        return services;
    }
}
