using Microsoft.AspNetCore.Mvc;

namespace CleanProfiles.WebApi.RateLimiting;

/// <summary>An action's refusal of a request over a limit it checks itself: the same 429 the rate limiter answers.</summary>
internal sealed class TooManyRequestsResult(int retryAfterSeconds) : ActionResult
{
    public override Task ExecuteResultAsync(ActionContext context) =>
        RateLimitSetup.RejectAsync(context.HttpContext, retryAfterSeconds);
}
