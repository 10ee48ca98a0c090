using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CleanProfiles.WebApi.OpenApi;

/// <summary>Problems any operation can answer, documented once instead of on every action.</summary>
internal sealed class CommonProblemResponses : IOperationFilter
{
    private static readonly (string Status, string Description)[] Problems =
    [
        ("500", "An unexpected error; the body reveals nothing but its traceId, which identifies it in the logs."),
        ("503", "A dependency (database or object store) is unavailable; nothing was changed. Retry after the Retry-After seconds."),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];
        foreach (var (status, description) in Problems)
        {
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
            });
        }
    }
}
