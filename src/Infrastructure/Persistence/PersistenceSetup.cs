using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Configuration;
using CleanProfiles.Infrastructure.Persistence.Repositories;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanProfiles.Infrastructure.Persistence;

public static partial class PersistenceSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/cleanprofiles.db";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    internal static IServiceCollection AddPersistence(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSettings<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));

        // Both providers are registered; the validated Database:Provider picks one when a context is first needed.
        services.AddDbContext<PostgresProfilesDbContext>((sp, options) => options.UseProfilesPostgres(WithPoolDefaults(Settings(sp).ConnectionString!)));
        services.AddDbContext<SqliteProfilesDbContext>((sp, options) => options.UseProfilesSqlite(
            ResolveSqlitePath(Settings(sp).ConnectionString ?? DefaultSqliteConnectionString, environment.ContentRootPath)));
        services.AddScoped<ProfilesDbContext>(sp => Settings(sp).Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresProfilesDbContext>()
            : sp.GetRequiredService<SqliteProfilesDbContext>());

        services.AddHostedService<OrphanSweeper>();
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddScoped<IProfileRepository, ProfileRepository>();
        services.AddScoped<IPictureUploadRepository, PictureUploadRepository>();
        services.AddScoped<IUserAccountRepository, UserAccountRepository>();
        return services;
    }

    /// <summary>PostgreSQL as the app uses it: its migrations history table, outages translated for every query and save.</summary>
    public static DbContextOptionsBuilder UseProfilesPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsHistoryTable(MigrationsHistoryTable)
            .ExecutionStrategy(dependencies => new OutageTranslatingExecutionStrategy(dependencies)));

    /// <summary>SQLite as the app uses it: its migrations history table, outages translated for every query and save.</summary>
    public static DbContextOptionsBuilder UseProfilesSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsHistoryTable(MigrationsHistoryTable)
            .ExecutionStrategy(dependencies => new OutageTranslatingExecutionStrategy(dependencies)));

    /// <summary>Applies pending migrations when configured to (see <see cref="DatabaseOptions.MigrateOnStartup"/>).</summary>
    public static async Task MigrateProfilesDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var migrate = options.MigrateOnStartup ?? (options.Provider == DatabaseProvider.Sqlite || environment.IsDevelopment());
        if (!migrate)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProfilesDbContext>();
        if (db is SqliteProfilesDbContext)
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (Path.GetDirectoryName(dataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db is SqliteProfilesDbContext)
        {
            // Readers no longer block the writer (and the other way round).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PersistenceSetup)), options.Provider);
    }

    /// <summary>
    /// How long a request waits for a pooled PostgreSQL connection (or for a new one to open) when the connection string
    /// does not say (<c>Timeout</c>): a saturated pool answers 503 with Retry-After after this, rather than queueing
    /// requests for Npgsql's default 15 s. The pool's size is the connection string's <c>Maximum Pool Size</c>
    /// (Npgsql's default 100): size it so that instances × pool stays under the server's limit (docs/deployment.md).
    /// </summary>
    public static readonly TimeSpan DefaultPoolWait = TimeSpan.FromSeconds(5);

    /// <summary>The connection string with <see cref="DefaultPoolWait"/> added when it names no timeout; otherwise unchanged.</summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        if (named.Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() is "TIMEOUT" or "CONNECTTIMEOUT" or "CONNECTIONTIMEOUT"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)DefaultPoolWait.TotalSeconds }.ConnectionString;
    }

    /// <summary>A relative SQLite file is placed under the content root, not wherever the process was started.</summary>
    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source)
            && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        return builder.ToString();
    }

    private static DatabaseOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Provider})")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);
}
