namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>The database and object store a functional fixture runs on. Every fixture runs once per backend.</summary>
public enum Backend
{
    /// <summary>The embedded default: a SQLite file and the local-disk store in a temp folder.</summary>
    Embedded,

    /// <summary>Production's stack: a fresh PostgreSQL database and a fresh bucket on a real S3-compatible server.</summary>
    PostgresS3,
}

public static class Backends
{
    public static IEnumerable<Backend> All => Enum.GetValues<Backend>();
}
