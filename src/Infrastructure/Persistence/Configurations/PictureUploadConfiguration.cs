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
        builder.HasIndex(u => u.UserId).HasDatabaseName("ix_picture_uploads_user_id");
        // Serves the orphan sweeper: unattached uploads by age.
        builder.HasIndex(u => new { u.AttachedAt, u.CreatedAt }).HasDatabaseName("ix_picture_uploads_attached_at_created_at");
    }
}
