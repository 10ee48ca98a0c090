using System.Text.Json.Serialization;
using CleanProfiles.Application.Common.Behaviors;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.WebApi.Authentication;
using CleanProfiles.WebApi.ErrorHandling;
using CleanProfiles.WebApi.Health;
using CleanProfiles.WebApi.Json;
using CleanProfiles.WebApi.Media;
using CleanProfiles.WebApi.OpenApi;
using CleanProfiles.WebApi.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanProfiles.WebApi;

public static class DependencyInjection
{
    private const string CorsSection = "Cors:AllowedOrigins";

    public static IServiceCollection AddPresentation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CleanProfiles.Application.DependencyInjection)];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        services.AddControllers()
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.Converters.Add(new OptionalJsonConverterFactory());
                json.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            })
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidModelStateProblems.Create);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddBearerAuthentication();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<IPublicBaseUrlProvider, RequestBaseUrlProvider>());
        services.AddCorsFromConfiguration(configuration);
        services.AddRateLimits();
        services.AddSwagger();
        return services;
    }

    public static WebApplication UsePresentation(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.DocumentTitle = "CleanProfiles API";
            ui.EnablePersistAuthorization();
        });
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapControllers();
        app.MapHealth();
        if (app.Services.GetService<LocalDiskObjectStorage>() is not null)
        {
            app.MapLocalMedia();
        }

        return app;
    }

    /// <summary>An SPA on another origin may call the API when its origin is listed; none is by default.</summary>
    private static IServiceCollection AddCorsFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(CorsSection).Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                throw new InvalidOperationException(
                    $"{CorsSection} contains '{origin}', which is not an origin such as https://app.example.com (scheme and host, optional port, no path).");
            }
        }

        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithHeaders("Authorization", "Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }
}
