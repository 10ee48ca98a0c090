using CleanProfiles.Application.Common.Configuration;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.Extensions.Options;

namespace CleanProfiles.WebApi.Deadlines;

/// <summary>
/// Gives every API and health request a deadline (<c>Requests:Deadline</c>): the request's cancellation token, which every
/// database and object-store call receives, is cancelled when the client goes away or the deadline passes. A deadline
/// that passed becomes <see cref="DeadlineExceededException"/>, which the exception handler answers with 503 and
/// Retry-After. Timed by the real clock, never the injectable one (moving that clock must not cut requests).
/// </summary>
internal sealed class RequestDeadlineMiddleware(RequestDelegate next, IOptions<RequestDeadlineOptions> options)
{
    private readonly TimeSpan deadline = options.Value.Deadline;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AppliesTo(context.Request.Path))
        {
            await next(context);
            return;
        }

        var client = context.RequestAborted;
        using var timer = new CancellationTokenSource(deadline, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(client, timer.Token);
        context.RequestAborted = linked.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException e) when (timer.IsCancellationRequested && !client.IsCancellationRequested && !context.Response.HasStarted)
        {
            throw new DeadlineExceededException(e);
        }
        finally
        {
            context.RequestAborted = client;
        }
    }

    /// <summary>The API and the health checks; not the media files and the browser app, which stream from local disk.</summary>
    private static bool AppliesTo(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}

internal static class RequestDeadlineSetup
{
    public static IServiceCollection AddRequestDeadline(this IServiceCollection services)
    {
        services.AddSettings<RequestDeadlineOptions, RequestDeadlineOptionsValidator>(RequestDeadlineOptions.SectionName);
        return services;
    }

    /// <summary>Inside the exception handler, so a passed deadline is answered as a problem.</summary>
    public static IApplicationBuilder UseRequestDeadline(this IApplicationBuilder app) => app.UseMiddleware<RequestDeadlineMiddleware>();
}
