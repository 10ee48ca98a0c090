using CleanProfiles.Application.Community.ListCommunity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanProfiles.WebApi.Controllers;

/// <summary>Everyone's public profiles.</summary>
[ApiController]
[Route("api/community")]
[Authorize]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
public sealed class CommunityController(ISender sender) : ControllerBase
{
    /// <summary>One page of profiles, ordered by name then user id.</summary>
    /// <param name="limit">Page size, 1 to 100.</param>
    /// <param name="cursor">The <c>next_cursor</c> of the previous page; omit it for the first page.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">A page; <c>next_cursor</c> is null on the last one.</response>
    /// <response code="400">limit is out of range or cursor is not one this endpoint returned.</response>
    [HttpGet]
    [ProducesResponseType<CommunityPageDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<CommunityPageDto>> List(
        [FromQuery] int limit = ListCommunityQuery.DefaultLimit,
        [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        return await sender.Send(new ListCommunityQuery(limit, cursor), cancellationToken);
    }
}
