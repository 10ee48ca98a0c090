using System.Globalization;
using System.Text.Json.Nodes;
using CleanProfiles.WebApi.Uploads;
using CleanProfiles.WebApi.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CleanProfiles.WebApi.OpenApi;

/// <summary>
/// What every operation shares, documented once: the bearer requirement where a token is needed (and only there),
/// the problems any operation can answer, and descriptions for the statuses that mean the same everywhere.
/// </summary>
internal sealed class OperationConventions : IOperationFilter
{
    private static readonly Dictionary<string, string> CommonDescriptions = new()
    {
        ["401"] = "The bearer token is missing, invalid or expired (problem; WWW-Authenticate: Bearer).",
        ["404"] = "The account behind the token has no profile.",
        ["429"] = "Too many requests; wait the Retry-After seconds.",
        ["500"] = "An unexpected error; the body reveals nothing but its traceId, which identifies it in the logs.",
        ["503"] = "A dependency (database or object store) is unavailable; nothing was changed. Retry after the Retry-After seconds.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return;
        }

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] }];
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];
        foreach (var status in new[] { "500", "503" })
        {
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            });
        }

        // Swashbuckle describes a status the XML comments leave out by its reason phrase; say what it means here instead.
        foreach (var (status, response) in operation.Responses)
        {
            if (CommonDescriptions.TryGetValue(status, out var description)
                && response is OpenApiResponse concrete
                && (string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrases.GetReasonPhrase(int.Parse(status, CultureInfo.InvariantCulture))))
            {
                concrete.Description = description;
            }
        }

        if (metadata.OfType<PictureUploadAttribute>().Any())
        {
            operation.RequestBody = PictureUploadBody;
        }
    }

    /// <summary>The upload reads its multipart body itself (no form binding), so its one part is described here.</summary>
    private static OpenApiRequestBody PictureUploadBody => new()
    {
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [PictureUploadForm.FilePart] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Format = "binary",
                            Description = "A JPEG, PNG, GIF or WebP image; its content decides the type, not its name or Content-Type.",
                        },
                    },
                },
                Encoding = new Dictionary<string, OpenApiEncoding> { [PictureUploadForm.FilePart] = new() { Style = ParameterStyle.Form } },
            },
        },
    };
}

/// <summary>Examples a newcomer can send as they are, and a problem body as the API really writes it.</summary>
internal sealed class SchemaExamples : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        concrete.Description ??= WireSchemas.DescriptionOf(context.Type);
        WireSchemas.OrderAsSerialized(concrete, context.Type);

        if (context.Type == typeof(UpdateProfileRequest))
        {
            concrete.Examples = [new JsonObject
            {
                ["headline"] = "Compiler pioneer",
                ["bio"] = "Wrote the first compiler; found the first bug.",
                ["graduation_year"] = 2015,
            }];
        }
        else if (context.Type == typeof(ProblemDetails) || context.Type == typeof(HttpValidationProblemDetails))
        {
            concrete.Examples = [new JsonObject
            {
                ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                ["title"] = "One or more validation errors occurred.",
                ["status"] = 400,
                ["detail"] = "See errors for the fields that need fixing.",
                ["errors"] = new JsonObject { ["graduation_year"] = new JsonArray("graduation_year must lie between 1900 and 2036.") },
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
            }];
        }
    }
}
