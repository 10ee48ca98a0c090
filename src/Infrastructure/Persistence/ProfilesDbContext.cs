using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.Persistence;

/// <summary>
/// The schema of DESIGN's data section. Each provider has a subclass so that it keeps its own migrations
/// (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>).
/// </summary>
public abstract class ProfilesDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Shadow concurrency token on <c>user_profiles</c>: every save of a changed row writes a new value.</summary>
    internal const string VersionProperty = "Version";

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<UserProfile> Profiles => Set<UserProfile>();

    public DbSet<PictureUpload> PictureUploads => Set<PictureUpload>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified
                && entry.Metadata.FindProperty(VersionProperty) is not null)
            {
                entry.Property(VersionProperty).CurrentValue = Guid.NewGuid();
            }
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProfilesDbContext).Assembly);
}

public sealed class SqliteProfilesDbContext(DbContextOptions<SqliteProfilesDbContext> options) : ProfilesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; storing ticks keeps DateTimeOffset comparable and sortable in SQL.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresProfilesDbContext(DbContextOptions<PostgresProfilesDbContext> options) : ProfilesDbContext(options);
