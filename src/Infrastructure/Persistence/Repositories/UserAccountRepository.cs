using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.Persistence.Repositories;

internal sealed class UserAccountRepository(ProfilesDbContext db) : IUserAccountRepository
{
    public Task<UserAccount?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Email == normalizedEmail, cancellationToken);

    public void Add(UserAccount account) => db.Users.Add(account);
}
