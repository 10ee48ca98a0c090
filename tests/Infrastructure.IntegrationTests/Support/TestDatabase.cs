using System.Data.Common;
using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.IntegrationTests.Support;

/// <summary>The database engines the persistence tests run on; every persistence fixture runs once per engine.</summary>
public enum DatabaseEngine
{
    /// <summary>A fresh database on the PostgreSQL test server (production).</summary>
    Postgres,

    /// <summary>A SQLite file in a temporary folder (the embedded default).</summary>
    Sqlite,
}

public static class DatabaseEngines
{
    public static IEnumerable<DatabaseEngine> All => Enum.GetValues<DatabaseEngine>();
}

/// <summary>
/// One empty database of its own, built the way <c>PersistenceSetup</c> configures the app's contexts
/// (same provider, same migrations history table). Dispose drops it.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string MigrationsHistoryTable = PersistenceSetup.MigrationsHistoryTable;

    public abstract DatabaseEngine Engine { get; }

    public abstract string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Postgres => new PostgresTestDatabase(await TestServers.CreateDatabaseAsync()),
        DatabaseEngine.Sqlite => new SqliteTestDatabase(Directory.CreateTempSubdirectory("cleanprofiles-it-sqlite-").FullName),
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    public abstract ProfilesDbContext NewContext();

    /// <summary>A context configured exactly as the app configures it (history table, outage translation).</summary>
    public static PostgresProfilesDbContext Postgres(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresProfilesDbContext>();
        options.UseProfilesPostgres(connectionString);
        return new PostgresProfilesDbContext(options.Options);
    }

    /// <inheritdoc cref="Postgres"/>
    public static SqliteProfilesDbContext Sqlite(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SqliteProfilesDbContext>();
        options.UseProfilesSqlite(connectionString);
        return new SqliteProfilesDbContext(options.Options);
    }

    /// <summary>Applies the migrations as the app's start-up does (<c>MigrateProfilesDatabaseAsync</c>).</summary>
    public async Task MigrateAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        if (db is SqliteProfilesDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    /// <summary>Removes every row (children first), so each test starts from empty tables.</summary>
    public async Task ClearAsync()
    {
        await using var db = NewContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM picture_uploads");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM user_profiles");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM users");
    }

    public abstract Task<IReadOnlyList<string>> TablesAsync();

    public abstract Task<IReadOnlyList<string>> ColumnsAsync(string table);

    public abstract ValueTask DisposeAsync();

    /// <summary>Runs a query on a connection of its own and returns the first column of every row as text.</summary>
    protected async Task<IReadOnlyList<string>> QueryStringsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

internal sealed class PostgresTestDatabase(string connectionString) : TestDatabase
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    public override string ConnectionString => connectionString;

    public override ProfilesDbContext NewContext() => Postgres(connectionString);

    public override Task<IReadOnlyList<string>> TablesAsync() => QueryStringsAsync(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");

    public override Task<IReadOnlyList<string>> ColumnsAsync(string table) => QueryStringsAsync(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY column_name",
        ("table", table));

    public override async ValueTask DisposeAsync() => await TestServers.DropDatabaseAsync(connectionString);
}

internal sealed class SqliteTestDatabase(string folder) : TestDatabase
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(folder, "profiles.db"),
    }.ToString();

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override string ConnectionString => connectionString;

    public override ProfilesDbContext NewContext() => Sqlite(connectionString);

    public override Task<IReadOnlyList<string>> TablesAsync() => QueryStringsAsync(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");

    public override Task<IReadOnlyList<string>> ColumnsAsync(string table) => QueryStringsAsync(
        "SELECT name FROM pragma_table_info($table) ORDER BY name", ("$table", table));

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
