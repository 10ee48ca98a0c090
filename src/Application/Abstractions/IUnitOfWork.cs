namespace CleanProfiles.Application.Abstractions;

/// <summary>
/// Commits the changes made through the repositories in one transaction.
/// Throws <see cref="Common.Exceptions.ConcurrencyConflictException"/> when a row changed since it was read and
/// <see cref="Common.Exceptions.DuplicateKeyException"/> when a unique rule of the store is broken.
/// </summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
