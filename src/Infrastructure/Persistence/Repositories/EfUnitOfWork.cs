using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.Persistence.Repositories;

/// <summary>Saves through the context; outages were already translated by the execution strategy.</summary>
internal sealed class EfUnitOfWork(ProfilesDbContext db) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(ex);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateKeyException(ex);
        }
    }
}
