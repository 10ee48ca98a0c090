using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CleanProfiles.WebApi.ErrorHandling;

/// <summary>
/// Problems for requests the framework could not bind (malformed JSON, wrong types). Field names are the wire's,
/// messages are ours: the framework's mention .NET type names and parser positions.
/// </summary>
internal static class InvalidModelStateProblems
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }

            var field = key.TrimStart('$', '.');
            var isBody = field.Length == 0 || field.Equals("request", StringComparison.OrdinalIgnoreCase);
            errors[isBody ? "body" : field] = entry.Errors.Select(e => e.Exception is JsonException || e.ErrorMessage.Contains("JSON", StringComparison.Ordinal)
                    ? isBody ? "The body must be a JSON object." : $"{field} has the wrong type or is not valid JSON."
                    : isBody ? "A JSON body is required." : $"{field} is invalid.")
                .Distinct()
                .ToArray();
        }

        return new ProblemResult(errors);
    }

    /// <summary>Written through the problem details service, so the [Produces] filter cannot turn it into plain JSON.</summary>
    private sealed class ProblemResult(Dictionary<string, string[]> errors) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => context.HttpContext.WriteProblemAsync(
            StatusCodes.Status400BadRequest, "The request could not be read as the expected input.", errors);
    }
}
