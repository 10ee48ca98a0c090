using CleanProfiles.Application.Common.Models;
using Mediator;

namespace CleanProfiles.Application.Profiles.UpdateProfile;

/// <summary>
/// A partial update: absent fields stay unchanged. <see cref="ProfilePictureKey"/> must be a key this user uploaded;
/// null removes the picture.
/// </summary>
public sealed record UpdateProfileCommand(
    Guid UserId,
    Optional<string?> Name = default,
    Optional<string?> Headline = default,
    Optional<string?> Bio = default,
    Optional<int?> GraduationYear = default,
    Optional<string?> ProfilePictureKey = default) : ICommand<ProfileDto>;
