using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanProfiles.Infrastructure.Persistence.Configurations;

internal sealed class PictureUploadConfiguration : IEntityTypeConfiguration<PictureUpload>
{
    public void Configure(EntityTypeBuilder<PictureUpload> builder)
    {
        builder.ToTable("picture_uploads");
        builder.HasKey(u => u.Key).HasName("pk_picture_uploads");
        builder.Property(u => u.Key).HasColumnName("key").HasMaxLength(PictureKey.MaxLength);
        builder.Property(u => u.UserId).HasColumnName("user_id");
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(u => u.UserId)
            .HasConstraintName("fk_picture_uploads_users").OnDelete(DeleteBehavior.Cascade);
        builder.Property(u => u.ContentType).HasColumnName("content_type").HasMaxLength(100).IsRequired();
        builder.Property(u => u.SizeBytes).HasColumnName("size_bytes");
        builder.Property(u => u.Width).HasColumnName("width");
        builder.Property(u => u.Height).HasColumnName("height");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.AttachedAt).HasColumnName("attached_at");
        // Lowercase words (pending, stored, deleting) so hand-written SQL and a person reading the table agree. A concurrency
        // token: an attach or a "stored" mark that races the sweeper's claim fails instead of reviving a record being deleted.
        builder.Property(u => u.State).HasColumnName("state").HasMaxLength(16).IsRequired().IsConcurrencyToken()
            .HasConversion(v => UploadStates.ToColumn(v), v => UploadStates.FromColumn(v));
        builder.Property(u => u.DeletionStartedAt).HasColumnName("deletion_started_at");
        builder.HasIndex(u => u.UserId).HasDatabaseName("ix_picture_uploads_user_id");
        // Serves the orphan sweeper: unattached uploads by age.
        builder.HasIndex(u => new { u.AttachedAt, u.CreatedAt }).HasDatabaseName("ix_picture_uploads_attached_at_created_at");
        // Serves the orphan sweeper: pending intents by age, and marks to delete.
        builder.HasIndex(u => new { u.State, u.CreatedAt }).HasDatabaseName("ix_picture_uploads_state_created_at");
    }
}

/// <summary>How <see cref="UploadState"/> is written in the <c>state</c> column.</summary>
internal static class UploadStates
{
    public const string Pending = "pending";
    public const string Stored = "stored";
    public const string Deleting = "deleting";

    public static string ToColumn(UploadState state) => state switch
    {
        UploadState.Pending => Pending,
        UploadState.Stored => Stored,
        UploadState.Deleting => Deleting,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static UploadState FromColumn(string value) => value switch
    {
        Pending => UploadState.Pending,
        Stored => UploadState.Stored,
        Deleting => UploadState.Deleting,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not an upload state."),
    };
}
