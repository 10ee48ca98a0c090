using System.Text.Json.Serialization;
using CleanProfiles.Application.Common.Behaviors;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.WebApi.Authentication;
using CleanProfiles.WebApi.Cors;
using CleanProfiles.WebApi.ErrorHandling;
using CleanProfiles.WebApi.Health;
using CleanProfiles.WebApi.Json;
using CleanProfiles.WebApi.Media;
using CleanProfiles.WebApi.OpenApi;
using CleanProfiles.WebApi.RateLimiting;
using CleanProfiles.WebApi.Security;
using CleanProfiles.WebApi.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi;

public static class DependencyInjection
{
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
                json.JsonSerializerOptions.PropertyNamingPolicy = WireNamingPolicy.Instance;
                // Model state gets the JsonException itself, not its .NET-flavoured message (InvalidModelStateProblems).
                json.AllowInputFormatterExceptionMessages = false;
                json.JsonSerializerOptions.Converters.Add(new OptionalJsonConverterFactory());
                json.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            })
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidModelStateProblems.Create);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddBearerAuthentication();
        services.AddSingleton<IConfigureOptions<MvcOptions>, PictureUploadLimits>();
        services.AddHttpContextAccessor();
        services.AddLocalMediaLinks();
        services.AddCrossOrigin();
        services.AddRateLimits(configuration);
        services.AddSwagger();
        return services;
    }

    public static WebApplication UsePresentation(this WebApplication app)
    {
        app.UsePrivateApiResponses();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwaggerDocument();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapControllers();
        app.MapHealth();
        if (app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.LocalDisk)
        {
            app.MapLocalMedia();
        }

        return app;
    }
}
