using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.WebApi.Authentication;
using CleanProfiles.WebApi.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace CleanProfiles.WebApi.ErrorHandling;

/// <summary>
/// Maps application errors (one status per kind) and the framework's request errors to problems. Anything else is a
/// 500 that leaks nothing.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; there is nobody to answer
        }

        var (status, detail, errors) = Map(exception);
        switch (status)
        {
            case StatusCodes.Status503ServiceUnavailable:
                LogUnavailable(logger, exception);
                httpContext.Response.Headers.RetryAfter = "5";
                break;
            case StatusCodes.Status500InternalServerError:
                LogUnhandled(logger, exception);
                break;
        }

        await httpContext.WriteProblemAsync(status, detail, errors, exception);
        return true;
    }

    private static (int Status, string Detail, IDictionary<string, string[]>? Errors) Map(Exception exception) => exception switch
    {
        ValidationFailedException e => (400, "See errors for the fields that need fixing.", WireErrors(e.Errors)),
        ApplicationErrorException e => (StatusOf(e.Kind), e.Message, null),
        InvalidTokenSubjectException e => (401, e.Message, null),
        BadHttpRequestException { StatusCode: 413 } => (413, "The request body is larger than this endpoint accepts.", null),
        BadHttpRequestException e => (e.StatusCode, "The request could not be read.", null),
        _ => (500, "An unexpected error occurred. The trace id identifies it in the logs.", null),
    };

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedContent => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.TooCostly => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The application names properties; the wire names fields.</summary>
    private static Dictionary<string, string[]> WireErrors(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => WireNamingPolicy.Instance.ConvertName(e.Key), e => e.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
