using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanProfiles.Infrastructure.Persistence;

// Used by `dotnet ef` only. `database update` takes the real connection string with --connection.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProfilesDbContext>
{
    public SqliteProfilesDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteProfilesDbContext>();
        options.UseProfilesSqlite("Data Source=design-time.db");
        return new(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProfilesDbContext>
{
    public PostgresProfilesDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresProfilesDbContext>();
        options.UseProfilesPostgres("Host=127.0.0.1;Database=cleanprofiles");
        return new(options.Options);
    }
}
