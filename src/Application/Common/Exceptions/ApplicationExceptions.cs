namespace CleanProfiles.Application.Common.Exceptions;

/// <summary>
/// What went wrong, in the application's own terms. The web layer maps each kind to one status; nothing in the inner
/// layers knows about HTTP.
/// </summary>
public enum ErrorKind
{
    /// <summary>Input broke a rule; <see cref="ValidationFailedException"/> says which property and why.</summary>
    Invalid,

    /// <summary>The caller's credentials are wrong (which part is never said).</summary>
    Unauthenticated,

    /// <summary>What the caller asked for does not exist.</summary>
    NotFound,

    /// <summary>The request conflicts with the current state: a duplicate, or a concurrent change.</summary>
    Conflict,

    /// <summary>The content is larger than accepted (bytes or pixels).</summary>
    TooLarge,

    /// <summary>The content is well-formed but costs more to process than accepted (too many scans, past its deadline).</summary>
    TooCostly,

    /// <summary>The content is of a kind this service does not accept.</summary>
    UnsupportedContent,

    /// <summary>A dependency (database, object store) could not be reached; nothing was changed.</summary>
    Unavailable,
}

/// <summary>A use case refused or failed for a reason the caller can act on: <see cref="Kind"/> says which, the message what.</summary>
public class ApplicationErrorException(ErrorKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ErrorKind Kind { get; } = kind;
}

/// <summary>Input broke rules; <see cref="Errors"/> maps each broken property of the message (its C# name) to its messages.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : ApplicationErrorException(ErrorKind.Invalid, "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string property, string message) =>
        new(new Dictionary<string, string[]> { [property] = [message] });
}

/// <summary>The row changed between read and write; the caller may retry.</summary>
public sealed class ConcurrencyConflictException(Exception? innerException = null)
    : ApplicationErrorException(ErrorKind.Conflict, "The resource was changed by another request. Read it again and retry.", innerException);

/// <summary>A unique rule of the store was broken (for example an email that is already registered).</summary>
public sealed class DuplicateKeyException(Exception? innerException = null)
    : ApplicationErrorException(ErrorKind.Conflict, "A record with the same unique value already exists.", innerException);

/// <summary>A dependency (database, object store) could not be reached; nothing was changed by this request.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? innerException = null)
    : ApplicationErrorException(ErrorKind.Unavailable, $"The {dependency} is unavailable. Try again later.", innerException)
{
    public string Dependency { get; } = dependency;
}

/// <summary>
/// The request's deadline passed while a dependency (database, object store) had not answered: a sick dependency holds no
/// request longer than the deadline. Whatever the request had begun is either undone by nothing being committed or left
/// for the orphan sweep; nothing half-done is visible.
/// </summary>
public sealed class DeadlineExceededException(Exception? innerException = null)
    : ApplicationErrorException(ErrorKind.Unavailable, "A dependency did not answer in time. Try again later.", innerException);
