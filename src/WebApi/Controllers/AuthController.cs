using CleanProfiles.Application.Auth;
using CleanProfiles.Application.Auth.Login;
using CleanProfiles.Application.Auth.Register;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.WebApi.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CleanProfiles.WebApi.RateLimiting;

namespace CleanProfiles.WebApi.Controllers;

/// <summary>Accounts and access tokens.</summary>
[ApiController]
[Route("api/auth")]
[AllowAnonymous]
[EnableRateLimiting(RateLimitSetup.AuthPolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public sealed class AuthController(ISender sender, LoginThrottle loginThrottle) : ControllerBase
{
    /// <summary>Creates an account with its profile and returns an access token.</summary>
    /// <response code="201">The account exists; use the token as <c>Authorization: Bearer &lt;access_token&gt;</c>.</response>
    /// <response code="400">A field is invalid (see <c>errors</c>).</response>
    /// <response code="409">An account with this email (compared case-insensitively) already exists.</response>
    [HttpPost("register")]
    [Consumes("application/json")]
    [ProducesResponseType<AccessTokenDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Register(RegisterRequest request, CancellationToken cancellationToken)
    {
        var token = await sender.Send(
            new RegisterCommand(request.Email ?? string.Empty, request.Password ?? string.Empty, request.Name ?? string.Empty),
            cancellationToken);
        return StatusCode(StatusCodes.Status201Created, token);
    }

    /// <summary>Exchanges email and password for an access token.</summary>
    /// <response code="200">Signed in.</response>
    /// <response code="400">A field is missing (see <c>errors</c>).</response>
    /// <response code="401">The email or password is wrong (which one is not said).</response>
    /// <response code="429">Too many requests from this address, or too many failed sign-ins for this email from this
    /// address (or, far more, from everywhere); see Retry-After.</response>
    [HttpPost("login")]
    [Consumes("application/json")]
    [ProducesResponseType<AccessTokenDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult<AccessTokenDto>> Login(LoginRequest request, CancellationToken cancellationToken)
    {
        // Failures per (email, address) and per email: the limit needs the body, so the action applies it.
        var email = request.Email ?? string.Empty;
        var (attempt, retryAfter) = await loginThrottle.TryBeginAsync(email, RateLimitSetup.Address(HttpContext));
        if (attempt is null)
        {
            return new TooManyRequestsResult(RateLimitSetup.RetryAfterSeconds(retryAfter));
        }

        await using var counted = attempt;
        try
        {
            var token = await sender.Send(new LoginCommand(email, request.Password ?? string.Empty), cancellationToken);
            await attempt.SucceededAsync();
            return token;
        }
        catch (ApplicationErrorException e) when (e.Kind == ErrorKind.Unauthenticated)
        {
            attempt.Failed(); // only a wrong email or password counts; a refused field or an outage is handed back
            throw;
        }
    }
}
