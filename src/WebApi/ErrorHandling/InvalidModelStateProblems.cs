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
    private const string NotAnObject = "The body must be a JSON object.";
    private const string Required = "A JSON body is required.";

    public static IActionResult Create(ActionContext context)
    {
        var bodyParameters = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, List<string>>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }

            // JSON errors are keyed by their path ($ or $.graduation_year); a missing body by the body parameter's name.
            var field = key.TrimStart('$', '.');
            var isBody = field.Length == 0 || bodyParameters.Contains(key);
            foreach (var error in entry.Errors)
            {
                // The JSON input formatter hands over its JsonException (AllowInputFormatterExceptionMessages is off), so
                // what failed is known by type, never guessed from the framework's wording.
                var message = error.Exception is JsonException
                    ? isBody ? NotAnObject : $"{field} has the wrong type or is not valid JSON."
                    : isBody ? Required : $"{field} is invalid.";
                var messages = errors.TryGetValue(isBody ? "body" : field, out var list) ? list : errors[isBody ? "body" : field] = [];
                if (!messages.Contains(message))
                {
                    messages.Add(message);
                }
            }
        }

        // A body that did not parse also leaves its parameter unbound; the parse error is the one to report.
        if (errors.TryGetValue("body", out var body) && body.Contains(NotAnObject))
        {
            body.Remove(Required);
        }

        return new ProblemResult(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>Written through the problem details service, so the [Produces] filter cannot turn it into plain JSON.</summary>
    private sealed class ProblemResult(Dictionary<string, string[]> errors) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => context.HttpContext.WriteProblemAsync(
            StatusCodes.Status400BadRequest, "The request could not be read as the expected input.", errors);
    }
}
