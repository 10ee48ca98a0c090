using Mediator;

namespace CleanProfiles.Application.Profiles.GetProfile;

public sealed record GetProfileQuery(Guid UserId) : IQuery<ProfileDto>;
