namespace CleanProfiles.Application.Abstractions;

public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);

    /// <summary>Spends the time of one verification, so an unknown email answers as slowly as a wrong password.</summary>
    void VerifyDummy(string password);
}

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}
