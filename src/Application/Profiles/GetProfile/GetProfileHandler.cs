using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using Mediator;

namespace CleanProfiles.Application.Profiles.GetProfile;

public sealed class GetProfileHandler(IProfileRepository profiles, ProfileViews views)
    : IQueryHandler<GetProfileQuery, ProfileDto>
{
    public async ValueTask<ProfileDto> Handle(GetProfileQuery query, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(query.UserId, cancellationToken)
            ?? throw new NotFoundException("The profile does not exist.");
        return await views.ToDtoAsync(profile, cancellationToken);
    }
}
