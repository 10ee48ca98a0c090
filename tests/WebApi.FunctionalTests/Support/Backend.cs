namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>The storage and database stack a functional fixture runs on. Every fixture runs once per stack.</summary>
public enum Backend
{
    /// <summary>SQLite file and local-disk store in a temp folder.</summary>
    Embedded,
}

public static class Backends
{
    public static IEnumerable<Backend> All => Enum.GetValues<Backend>();
}
