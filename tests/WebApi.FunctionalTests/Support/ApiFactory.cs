using CleanProfiles.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// The real app on one <see cref="Backend"/>, with its own database, store and a controllable clock: in memory
/// (TestServer), or on Kestrel at a loopback port where the request limits of the real server apply.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string JwtSigningKey = "functional-tests-jwt-signing-key-0123456789";
    public const string MediaSigningKey = "functional-tests-media-signing-key-0123456789";

    private readonly Dictionary<string, string?> settings;
    private readonly string? database;
    private readonly string? bucket;

    private readonly Action<IServiceCollection>? configureServices;
    private readonly string environment;
    private readonly bool kestrel;
    private bool ownsData = true;
    private string? sharedBucket;

    private ApiFactory(
        Backend backend, string dataRoot, Dictionary<string, string?> settings, string? database, string? bucket,
        Action<IServiceCollection>? configureServices, string environment, bool kestrel = false, FakeTimeProvider? clock = null)
    {
        this.configureServices = configureServices;
        this.environment = environment;
        this.kestrel = kestrel;
        Backend = backend;
        DataRoot = dataRoot;
        this.settings = settings;
        this.database = database;
        this.bucket = bucket;
        Clock = clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        if (kestrel)
        {
            UseKestrel(0); // a free loopback port
            OnKestrel = true;
        }
    }

    public Backend Backend { get; }

    public string DataRoot { get; }

    /// <summary>The app's only clock (tokens, signed URLs, timestamps). Tests may move it forward, never back.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Between the app and PostgreSQL, when created <c>throughProxies</c> on <see cref="Backend.PostgresS3"/>.</summary>
    public FaultProxy? DatabaseProxy { get; private set; }

    /// <summary>Between the app and the S3 server, when created <c>throughProxies</c> on <see cref="Backend.PostgresS3"/>.</summary>
    public FaultProxy? StoreProxy { get; private set; }

    /// <summary>The connection string of <see cref="Backend.PostgresS3"/>'s database, past any proxy; null on the embedded stack.</summary>
    public string? DirectDatabase => database;

    /// <summary>The bucket of <see cref="Backend.PostgresS3"/>; null on the embedded stack.</summary>
    public string? Bucket => bucket ?? sharedBucket;

    /// <summary>True when the app runs on Kestrel; TestServer does not enforce Kestrel's request body limits.</summary>
    public bool OnKestrel { get; private set; }

    /// <summary>Where clients reach the app: the in-memory server's address, or Kestrel's loopback port once it listens.</summary>
    public Uri BaseAddress
    {
        get
        {
            if (!OnKestrel)
            {
                return Server.BaseAddress;
            }

            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.Single());
        }
    }

    /// <param name="configureServices">Replaces services of the app after its own registrations (test doubles).</param>
    /// <param name="throughProxies">On PostgresS3, reach PostgreSQL and the S3 server through <see cref="FaultProxy"/>s.</param>
    public static async Task<ApiFactory> CreateAsync(
        Backend backend,
        IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null,
        bool kestrel = false,
        string environment = "Testing",
        bool throughProxies = false)
    {
        var dataRoot = Directory.CreateTempSubdirectory("cleanprofiles-tests-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = JwtSigningKey,
            ["Jwt:Issuer"] = "CleanProfiles.Tests",
            ["Jwt:Audience"] = "CleanProfiles.Tests",
            // Fixtures make many calls from one address; the rate-limit tests set their own limits.
            ["RateLimits:UploadsPerMinute"] = "1000",
            ["RateLimits:LoginsPerMinutePerAddress"] = "1000",
            ["RateLimits:LoginFailuresPerEmailAndAddress"] = "1000",
            ["RateLimits:LoginFailuresPerEmail"] = "1000",
            // Tests move the clock; the sweep runs when a test sends its command, not on a timer.
            ["Pictures:OrphanSweepInterval"] = "00:00:00",
        };
        string? database = null;
        string? bucket = null;
        switch (backend)
        {
            case Backend.PostgresS3:
                database = await TestServers.CreateDatabaseAsync();
                bucket = await TestServers.CreateBucketAsync();
                TestServers.ExposeS3CredentialsToDefaultChain();
                settings["Database:Provider"] = "Postgres";
                settings["Database:MigrateOnStartup"] = "true";
                settings["ConnectionStrings:Profiles"] = database;
                settings["Storage:Provider"] = "S3";
                settings["Storage:S3:BucketName"] = bucket;
                settings["Storage:S3:ForcePathStyle"] = "true";
                settings["AWS:ServiceURL"] = TestServers.S3ServiceUrl.AbsoluteUri;
                settings["AWS:Region"] = TestServers.S3Region;
                break;
            default:
                settings["Database:Provider"] = "Sqlite";
                settings["ConnectionStrings:Profiles"] = $"Data Source={Path.Combine(dataRoot, "profiles.db")}";
                settings["Storage:Provider"] = "LocalDisk";
                settings["Storage:LocalDisk:RootPath"] = Path.Combine(dataRoot, "media");
                settings["Storage:LocalDisk:SigningKey"] = MediaSigningKey;
                break;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        FaultProxy? databaseProxy = null;
        FaultProxy? storeProxy = null;
        if (throughProxies && backend == Backend.PostgresS3)
        {
            var direct = new Npgsql.NpgsqlConnectionStringBuilder(database);
            databaseProxy = FaultProxy.Start(direct.Host!, direct.Port);
            storeProxy = FaultProxy.Start(TestServers.S3ServiceUrl);
            settings["ConnectionStrings:Profiles"] = new Npgsql.NpgsqlConnectionStringBuilder(database)
            {
                Host = "127.0.0.1",
                Port = databaseProxy.Port,
                Pooling = true,
            }.ConnectionString;
            settings["AWS:ServiceURL"] = storeProxy.Url.AbsoluteUri;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ApiFactory(backend, dataRoot, settings, database, bucket, configureServices, environment, kestrel)
        {
            DatabaseProxy = databaseProxy,
            StoreProxy = storeProxy,
        };
    }

    /// <summary>
    /// Stops this app the hard way (requests in flight are abandoned where they are, nothing of theirs runs on) and
    /// starts a new one on the same database, store, proxies and clock: a process that died and was started again.
    /// </summary>
    public async Task<ApiFactory> RestartAsync(Action<IServiceCollection>? configureServices = null)
    {
        ownsData = false;
        var next = new ApiFactory(Backend, DataRoot, settings, database, bucket, configureServices, environment, kestrel, Clock)
        {
            DatabaseProxy = DatabaseProxy,
            StoreProxy = StoreProxy,
        };
        await base.DisposeAsync();
        return next;
    }

    /// <summary>A setting as the app will see it (after the test's overrides).</summary>
    public string? Setting(string key) => settings.GetValueOrDefault(key);

    /// <summary>Changes a setting before the app starts (the first client or service request starts it).</summary>
    public void SetSetting(string key, string? value) => settings[key] = value;

    /// <summary>
    /// Another instance of this app: its own host, DI container, in-process limits and clock (set to this one's time),
    /// on the same database and bucket and with the same settings. This factory keeps owning (and drops) the database
    /// and bucket; dispose the other instance first.
    /// </summary>
    public ApiFactory CreateInstance(
        IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var instanceSettings = new Dictionary<string, string?>(settings);
        if (database is not null)
        {
            // Npgsql pools per connection string and process: another application name gives this instance a pool of
            // its own, as another process would have.
            instanceSettings["ConnectionStrings:Profiles"] = new Npgsql.NpgsqlConnectionStringBuilder(settings["ConnectionStrings:Profiles"])
            {
                ApplicationName = $"cleanprofiles-instance-{Guid.NewGuid():N}"[..32],
            }.ConnectionString;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            instanceSettings[key] = value;
        }

        return new ApiFactory(
            Backend, DataRoot, instanceSettings, database: null, bucket: null, services ?? configureServices, environment, OnKestrel,
            new FakeTimeProvider(Clock.GetUtcNow()))
        {
            sharedBucket = bucket,
            ownsData = false,
        };
    }

    /// <summary>Every object key in the store now, whatever the backend.</summary>
    public async Task<IReadOnlySet<string>> ListObjectKeysAsync()
    {
        if ((bucket ?? sharedBucket) is { } inBucket)
        {
            return (await TestServers.ListKeysAsync(inBucket)).ToHashSet(StringComparer.Ordinal);
        }

        var media = Path.Combine(DataRoot, "media");
        return Directory.Exists(media)
            ? Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".content-type", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
                .Select(f => Path.GetRelativePath(media, f).Replace(Path.DirectorySeparatorChar, '/'))
                .ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>How many objects the store holds now, whatever the backend.</summary>
    public async Task<int> CountStoredObjectsAsync()
    {
        if ((bucket ?? sharedBucket) is { } inBucket)
        {
            return (await TestServers.ListKeysAsync(inBucket)).Count;
        }

        var media = Path.Combine(DataRoot, "media");
        return Directory.Exists(media)
            ? Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".content-type", StringComparison.Ordinal))
            : 0;
    }

    /// <summary>Rows of every table that an upload or a profile change could touch, to prove a refusal changed nothing.</summary>
    public async Task<DataSnapshot> SnapshotAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ProfilesDbContext>();
        var profiles = await db.Profiles.AsNoTracking().OrderBy(p => p.UserId)
            .Select(p => $"{p.UserId}|{p.Name}|{p.Headline}|{p.Bio}|{p.GraduationYear}|{p.Picture}|{p.UpdatedAt.ToUnixTimeMilliseconds()}")
            .ToListAsync();
        return new DataSnapshot(
            await CountStoredObjectsAsync(),
            await db.PictureUploads.CountAsync(),
            await db.Users.CountAsync(),
            string.Join("\n", profiles));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!ownsData)
        {
            return; // a restarted app took them over
        }

        if (DatabaseProxy is not null)
        {
            await DatabaseProxy.DisposeAsync();
        }

        if (StoreProxy is not null)
        {
            await StoreProxy.DisposeAsync();
        }

        if (database is not null)
        {
            await TestServers.DropDatabaseAsync(database);
        }

        if (bucket is not null)
        {
            await TestServers.DeleteBucketAsync(bucket);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the OS temp cleaner takes it.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddTransient<IStartupFilter, TestClientAddress>();
            configureServices?.Invoke(services);
        });
    }
}

/// <summary>Stored objects, upload rows, accounts and every profile row, as one comparable value.</summary>
public sealed record DataSnapshot(int Objects, int UploadRows, int Users, string Profiles);
