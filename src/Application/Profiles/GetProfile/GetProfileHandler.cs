using CleanProfiles.Application.Abstractions;
using Mediator;

namespace CleanProfiles.Application.Profiles.GetProfile;

public sealed class GetProfileHandler(IProfileRepository profiles, ProfileViews views)
    : IQueryHandler<GetProfileQuery, ProfileDto>
{
    public async ValueTask<ProfileDto> Handle(GetProfileQuery query, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetExistingAsync(query.UserId, cancellationToken);
        return await views.ToDtoAsync(profile, cancellationToken);
    }
}
