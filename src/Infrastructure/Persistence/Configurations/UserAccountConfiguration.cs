using CleanProfiles.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanProfiles.Infrastructure.Persistence.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Property(u => u.Id).HasColumnName("id").ValueGeneratedNever();
        // Stored normalised (trimmed, lower-case), so this index makes uniqueness case-insensitive on every provider.
        builder.Property(u => u.Email).HasColumnName("email").HasMaxLength(UserAccount.EmailMaxLength).IsRequired();
        builder.HasIndex(u => u.Email).IsUnique().HasDatabaseName("ux_users_email");
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(512).IsRequired();
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
    }
}
