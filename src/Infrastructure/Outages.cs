using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanProfiles.Infrastructure;

/// <summary>
/// The one place that decides whether a failure of the database or the object store is an outage: the dependency could
/// not be reached, did not answer in time, or refused our credentials, so nothing was changed and a retry later may work.
/// Adapters translate such failures into <see cref="DependencyUnavailableException"/>; everything else stays a bug.
/// </summary>
internal static class Outages
{
    public const string Database = "database";
    public const string ObjectStore = "object store";

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// True when <paramref name="exception"/>, or one it wraps, is an outage. A cancellation counts only when the caller
    /// did not ask for it (a client timeout).
    /// </summary>
    public static bool IsOutage(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        // The outermost exception that can tell decides: an answer from the server is never an outage, whatever it wraps.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (Classify(e) is { } outage)
            {
                return outage;
            }
        }

        return false;
    }

    /// <summary>Runs <paramref name="action"/> and turns an outage of <paramref name="dependency"/> into its application error.</summary>
    public static async Task<T> TranslateAsync<T>(string dependency, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            throw new DependencyUnavailableException(dependency, e);
        }
    }

    /// <summary>True or false when this exception settles it; null when an exception it wraps may know more.</summary>
    private static bool? Classify(Exception e) => e switch
    {
        PostgresException => false, // the server answered: a statement error, not an outage
        NpgsqlException npgsql => npgsql.IsTransient ? true : null,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        DbException db => db.IsTransient ? true : null,
        AmazonS3Exception s3 when s3.ErrorCode is "SlowDown" or "RequestTimeout" or "NoSuchBucket" or "InvalidAccessKeyId" or "SignatureDoesNotMatch"
            || s3.StatusCode == HttpStatusCode.Forbidden => true,
        AmazonServiceException service when service.StatusCode != 0 => (int)service.StatusCode >= 500, // 0: no answer came
        AmazonServiceException => null,
        AmazonClientException or HttpRequestException or SocketException or IOException or TimeoutException => true,
        _ => null,
    };
}
