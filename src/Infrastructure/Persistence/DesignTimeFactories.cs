using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanProfiles.Infrastructure.Persistence;

// Used by `dotnet ef` only. `database update` takes the real connection string with --connection.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProfilesDbContext>
{
    public SqliteProfilesDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteProfilesDbContext>()
        .UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable("__ef_migrations_history"))
        .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProfilesDbContext>
{
    public PostgresProfilesDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresProfilesDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=cleanprofiles", n => n.MigrationsHistoryTable("__ef_migrations_history"))
        .Options);
}
