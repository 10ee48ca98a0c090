using CleanProfiles.Application.Common.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.Cors;

internal static class CrossOriginSetup
{
    /// <summary>An SPA on another origin may call the API when its origin is listed in <c>Cors:AllowedOrigins</c>.</summary>
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services)
    {
        services.AddSettings<CrossOriginOptions, CrossOriginOptionsValidator>(CrossOriginOptions.SectionName);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, allowed) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(allowed.Value.AllowedOrigins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithHeaders("Authorization", "Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }
}
