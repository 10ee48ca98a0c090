using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;

namespace CleanProfiles.Tests.Shared;

/// <summary>
/// The PostgreSQL and S3-compatible servers the integration and functional tests run against. <c>./test.sh</c> starts
/// throwaway ones and names them in these environment variables; set them yourself to use servers of your own.
/// A missing server fails the test with this message: it never skips.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "CLEANPROFILES_TEST_POSTGRES";
    public const string S3UrlVariable = "CLEANPROFILES_TEST_S3_SERVICE_URL";
    public const string S3AccessKeyVariable = "CLEANPROFILES_TEST_S3_ACCESS_KEY";
    public const string S3SecretKeyVariable = "CLEANPROFILES_TEST_S3_SECRET_KEY";
    public const string S3RegionVariable = "CLEANPROFILES_TEST_S3_REGION";
    public const string RedisVariable = "CLEANPROFILES_TEST_REDIS";

    /// <summary>A connection string to a server where the tests may create and drop databases.</summary>
    public static string PostgresAdminConnectionString => Required(PostgresVariable, "PostgreSQL",
        "PostgreSQL 15+ (Debian: apt-get install postgresql; ./test.sh runs a throwaway cluster from its initdb/pg_ctl)");

    public static Uri S3ServiceUrl => new(Required(S3UrlVariable, "an S3-compatible server",
        "OpenStack Swift with s3api (Debian: apt-get install swift swift-proxy swift-object swift-container swift-account python3-swift; ./test.sh runs it), or any S3 endpoint such as MinIO"));

    public static string S3AccessKey => Required(S3AccessKeyVariable, "S3 credentials", "the access key of the S3 endpoint");

    public static string S3SecretKey => Required(S3SecretKeyVariable, "S3 credentials", "the secret key of the S3 endpoint");

    /// <summary>A Redis server as host:port (a StackExchange.Redis connection string), for the shared abuse limits.</summary>
    public static string Redis => Required(RedisVariable, "Redis",
        "redis-server (Debian: apt-get install redis-server; ./test.sh runs a throwaway one)");

    /// <summary>Debian's redis-server, for tests that start (and stop) a Redis of their own.</summary>
    public static string RedisServerPath => File.Exists("/usr/bin/redis-server")
        ? "/usr/bin/redis-server"
        : throw new InvalidOperationException(
            "redis-server is needed but /usr/bin/redis-server is missing. Install it (Debian: apt-get install redis-server); "
            + "./test.sh installs it when run as root.");

    public static string S3Region => Environment.GetEnvironmentVariable(S3RegionVariable) is { Length: > 0 } region ? region : "us-east-1";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"cleanprofiles_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A client for the test's own setup and inspection (creating buckets, reading what the app stored).</summary>
    public static AmazonS3Client CreateS3Client() => new(
        new BasicAWSCredentials(S3AccessKey, S3SecretKey),
        new AmazonS3Config
        {
            ServiceURL = S3ServiceUrl.AbsoluteUri,
            ForcePathStyle = true,
            AuthenticationRegion = S3Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public static async Task<string> CreateBucketAsync()
    {
        var name = $"cleanprofiles-test-{Guid.NewGuid():N}"[..48];
        using var s3 = CreateS3Client();
        await s3.PutBucketAsync(name);
        return name;
    }

    public static async Task DeleteBucketAsync(string bucket)
    {
        using var s3 = CreateS3Client();
        foreach (var key in await ListKeysAsync(bucket))
        {
            await s3.DeleteObjectAsync(bucket, key);
        }

        await s3.DeleteBucketAsync(bucket);
    }

    public static async Task<IReadOnlyList<string>> ListKeysAsync(string bucket)
    {
        using var s3 = CreateS3Client();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return keys;
    }

    /// <summary>Lets the app find the S3 credentials where production finds them: the SDK's default chain (environment).</summary>
    public static void ExposeS3CredentialsToDefaultChain()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3SecretKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
    }

    private static string Required(string variable, string what, string install) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{what} is needed but {variable} is not set. Run the tests with ./test.sh, which starts a throwaway server on "
                + $"127.0.0.1 (needs {install}), or point {variable} at a server of your own (see README, 'Test').");
}
