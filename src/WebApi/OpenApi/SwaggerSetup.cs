using System.Reflection;
using CleanProfiles.Application.Common.Models;
using Microsoft.OpenApi;

namespace CleanProfiles.WebApi.OpenApi;

internal static class SwaggerSetup
{
    public static IServiceCollection AddSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CleanProfiles API",
                Version = "v1",
                Description = "Community profiles whose pictures live in a private object store and reach browsers only "
                    + "through short-lived signed URLs. Register or log in, press Authorize and paste the access_token. "
                    + "Every error is an RFC 9457 problem (application/problem+json) with title, detail, traceId and, "
                    + "for validation failures, errors (field -> messages).",
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml"));
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access_token from POST /api/auth/register or /api/auth/login.",
            });
            options.OperationFilter<OperationConventions>();
            options.SchemaFilter<SchemaExamples>();
            options.CustomSchemaIds(WireSchemas.IdOf);
            // A partial-update field is just its value on the wire.
            options.MapType<Optional<string?>>(() => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null });
            options.MapType<Optional<int?>>(() => new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" });
        });
        return services;
    }
}
