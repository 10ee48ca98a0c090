using System.Reflection;
using CleanProfiles.Application.Common.Configuration;
using CleanProfiles.Application.Common.Models;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CleanProfiles.WebApi.OpenApi;

/// <summary>
/// Swagger UI is a setting (<c>SwaggerUi:Enabled</c>, on in Development): an explorer with a token box is for
/// developers. The OpenAPI document itself is always served, at <c>/swagger/v1/swagger.json</c>: it describes the
/// public API, and clients are generated from it.
/// </summary>
public sealed class SwaggerUiOptions
{
    public const string SectionName = "SwaggerUi";

    public bool Enabled { get; set; }
}

internal static class SwaggerSetup
{
    public static IServiceCollection AddSwagger(this IServiceCollection services)
    {
        services.AddSettings<SwaggerUiOptions>(SwaggerUiOptions.SectionName);
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

    public static WebApplication UseSwaggerDocument(this WebApplication app)
    {
        app.UseSwagger();
        if (app.Services.GetRequiredService<IOptions<SwaggerUiOptions>>().Value.Enabled)
        {
            app.UseSwaggerUI(ui =>
            {
                ui.DocumentTitle = "CleanProfiles API";
                ui.EnablePersistAuthorization();
            });
        }

        return app;
    }
}
