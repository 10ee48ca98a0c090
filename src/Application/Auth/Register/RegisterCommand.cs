using Mediator;

namespace CleanProfiles.Application.Auth.Register;

/// <summary>Creates an account and its profile, then signs in.</summary>
public sealed record RegisterCommand(string Email, string Password, string Name) : ICommand<AccessTokenDto>
{
    // Keep the password out of logs and exception messages.
    public override string ToString() => $"{nameof(RegisterCommand)} {{ }}";
}
