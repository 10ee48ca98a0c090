using CleanProfiles.Application.Common.Configuration;

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
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>The embedded default is SQLite; production uses PostgreSQL.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start-up. When unset: on for SQLite (the embedded default) and in Development,
    /// off otherwise (run <c>dotnet ef database update</c> as a deployment step).
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>
    /// Longest a database command may run before it fails as an outage (default 5 s). Queries here take milliseconds; a
    /// command that takes longer means a sick database, and waiting longer only holds the request.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>ConnectionStrings:Profiles</c>, the standard place for it (not a key of the <c>Database</c> section).</summary>
    public string? ConnectionString { get; internal set; }
}

internal sealed class DatabaseOptionsValidator : SettingsValidator<DatabaseOptions>
{
    protected override IEnumerable<string?> Check(DatabaseOptions options) =>
    [
        Defined("Database:Provider", options.Provider),
        Between("Database:CommandTimeout", options.CommandTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
        options.Provider == DatabaseProvider.Postgres
            ? Required(DatabaseOptions.ConnectionStringKey, options.ConnectionString, "Database:Provider is Postgres")
            : null,
    ];
}
