namespace CleanProfiles.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Profiles";

    /// <summary>The embedded default is SQLite; production uses PostgreSQL.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start-up. When unset: on for SQLite (the embedded default) and in Development,
    /// off otherwise (run <c>dotnet ef database update</c> as a deployment step).
    /// </summary>
    public bool? MigrateOnStartup { get; set; }
}
