using Mediator;

namespace CleanProfiles.Application.Auth.Login;

public sealed record LoginCommand(string Email, string Password) : ICommand<AccessTokenDto>
{
    // Keep the password out of logs and exception messages.
    public override string ToString() => $"{nameof(LoginCommand)} {{ }}";
}
