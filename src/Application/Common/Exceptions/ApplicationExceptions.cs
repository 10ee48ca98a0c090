namespace CleanProfiles.Application.Common.Exceptions;

/// <summary>Input broke a rule; <see cref="Errors"/> maps each wire field name to its messages.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request conflicts with the current state (duplicate, concurrent change).</summary>
public class ConflictException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The row changed between read and write; the caller may retry.</summary>
public sealed class ConcurrencyConflictException(Exception? innerException = null)
    : ConflictException("The resource was changed by another request. Read it again and retry.", innerException);

/// <summary>A unique rule of the store was broken (for example an email that is already registered).</summary>
public sealed class DuplicateKeyException(Exception? innerException = null)
    : ConflictException("A record with the same unique value already exists.", innerException);

public sealed class AuthenticationFailedException() : Exception("The email or password is wrong.");

public sealed class PayloadTooLargeException(long limitBytes)
    : Exception($"The file is larger than the limit of {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}

/// <summary>The picture declares more pixels than accepted; refused from its header, before decoding.</summary>
public sealed class PictureTooLargeException(string message) : Exception(message);

public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

/// <summary>A dependency (database, object store) could not be reached; nothing was changed by this request.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? innerException = null)
    : Exception($"The {dependency} is unavailable. Try again later.", innerException)
{
    public string Dependency { get; } = dependency;
}
