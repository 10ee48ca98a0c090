using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanProfiles.WebApi.ErrorHandling;

/// <summary>The one way this API writes RFC 9457 problem details.</summary>
public static class Problems
{
    public const string ValidationTitle = "One or more validation errors occurred.";

    /// <summary>Stable titles per status; <c>detail</c> carries the specifics.</summary>
    public static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "An error occurred while processing your request.",
    };

    /// <summary>For problems the framework raises without a detail (unknown route, wrong method).</summary>
    private static string? DefaultDetailFor(int status) => status switch
    {
        404 => "No resource exists at this address.",
        405 => "This address does not accept the request's method.",
        415 => "The request's Content-Type is not accepted here.",
        _ => null,
    };

    /// <summary>Adds what every problem body carries (title, traceId); used by the framework's own problems too.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= TitleFor(status);
        problem.Detail ??= DefaultDetailFor(status);
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }

    public static async Task WriteProblemAsync(
        this HttpContext httpContext,
        int status,
        string detail,
        IDictionary<string, string[]>? errors = null,
        Exception? exception = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = errors is null ? TitleFor(status) : ValidationTitle,
            Detail = detail,
        };
        if (errors is not null)
        {
            // An extension member, not HttpValidationProblemDetails.Errors: MVC's problem writer rebuilds the
            // object from the base type's fields and extensions, and would silently drop the errors.
            problem.Extensions["errors"] = errors;
        }

        httpContext.Response.StatusCode = status;
        var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
