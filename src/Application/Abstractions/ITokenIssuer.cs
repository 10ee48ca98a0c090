using CleanProfiles.Domain.Users;

namespace CleanProfiles.Application.Abstractions;

public interface ITokenIssuer
{
    AccessToken Issue(UserAccount account);
}

public sealed record AccessToken(string Value, TimeSpan ExpiresIn);
