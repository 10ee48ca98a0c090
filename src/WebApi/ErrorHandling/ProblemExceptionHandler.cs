using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Common;
using CleanProfiles.WebApi.Authentication;
using Microsoft.AspNetCore.Diagnostics;

namespace CleanProfiles.WebApi.ErrorHandling;

/// <summary>Maps every exception to its status and a safe problem body. Unknown failures become a 500 that leaks nothing.</summary>
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
        RequestValidationException e => (400, "See errors for the fields that need fixing.", e.Errors.ToDictionary()),
        DomainRuleException e => (400, e.Message, null),
        InvalidTokenSubjectException e => (401, e.Message, null),
        AuthenticationFailedException e => (401, e.Message, null),
        NotFoundException e => (404, e.Message, null),
        ConflictException e => (409, e.Message, null),
        PayloadTooLargeException e => (413, e.Message, null),
        PictureTooLargeException e => (413, e.Message, null),
        UnsupportedMediaTypeException e => (415, e.Message, null),
        BadHttpRequestException { StatusCode: 413 } => (413, "The request body is larger than this endpoint accepts.", null),
        BadHttpRequestException e => (e.StatusCode, "The request could not be read.", null),
        // Multipart limits (part count, header size) and malformed multipart bodies.
        InvalidDataException => (400, "The request body is malformed or exceeds the form limits of this endpoint.", null),
        DependencyUnavailableException e => (503, e.Message, null),
        _ => (500, "An unexpected error occurred. The trace id identifies it in the logs.", null),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
