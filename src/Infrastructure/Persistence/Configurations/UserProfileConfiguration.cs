using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanProfiles.Infrastructure.Persistence.Configurations;

internal sealed class UserProfileConfiguration : IEntityTypeConfiguration<UserProfile>
{
    public void Configure(EntityTypeBuilder<UserProfile> builder)
    {
        builder.ToTable("user_profiles");
        builder.HasKey(p => p.UserId).HasName("pk_user_profiles");
        builder.Property(p => p.UserId).HasColumnName("user_id").ValueGeneratedNever();
        builder.HasOne<UserAccount>().WithOne().HasForeignKey<UserProfile>(p => p.UserId)
            .HasConstraintName("fk_user_profiles_users").OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(UserProfile.NameMaxLength).IsRequired();
        builder.Property(p => p.Headline).HasColumnName("headline").HasMaxLength(UserProfile.HeadlineMaxLength);
        builder.Property(p => p.Bio).HasColumnName("bio").HasMaxLength(UserProfile.BioMaxLength);
        builder.Property(p => p.GraduationYear).HasColumnName("graduation_year");
        // The original's column name is kept; it holds a key or a legacy URL.
        builder.Property(p => p.Picture).HasColumnName("profile_picture_url").HasMaxLength(2048)
            .HasConversion(r => r!.Stored, s => PictureReference.FromStored(s));
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        builder.Property<Guid>(ProfilesDbContext.VersionProperty).HasColumnName("version").IsConcurrencyToken();
        // Serves the community listing's keyset order.
        builder.HasIndex(p => new { p.Name, p.UserId }).HasDatabaseName("ix_user_profiles_name_user_id");
    }
}
