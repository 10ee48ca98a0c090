using Mediator;

namespace CleanProfiles.Application.Profiles.DeletePicture;

/// <summary>Removes the caller's picture: its objects are deleted and the reference cleared. Idempotent.</summary>
public sealed record DeletePictureCommand(Guid UserId) : ICommand;
