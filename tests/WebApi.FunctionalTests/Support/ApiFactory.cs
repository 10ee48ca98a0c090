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
    private string? sharedBucket;
    private bool ownsDataRoot = true;

    private readonly Action<IServiceCollection>? configureServices;
    private readonly string environment;

    private ApiFactory(
        Backend backend, string dataRoot, Dictionary<string, string?> settings, string? database, string? bucket,
        Action<IServiceCollection>? configureServices, string environment, DateTimeOffset? clockStart = null)
    {
        Clock = new FakeTimeProvider(clockStart ?? DateTimeOffset.UtcNow);
        this.configureServices = configureServices;
        this.environment = environment;
        Backend = backend;
        DataRoot = dataRoot;
        this.settings = settings;
        this.database = database;
        this.bucket = bucket;
    }

    public Backend Backend { get; }

    public string DataRoot { get; }

    /// <summary>The app's only clock (tokens, signed URLs, timestamps). Tests may move it forward, never back.</summary>
    public FakeTimeProvider Clock { get; }

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
    public static async Task<ApiFactory> CreateAsync(
        Backend backend,
        IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null,
        bool kestrel = false,
        string environment = "Testing")
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

        var factory = new ApiFactory(backend, dataRoot, settings, database, bucket, configureServices, environment);
        if (kestrel)
        {
            factory.UseKestrel(0); // a free loopback port
            factory.OnKestrel = true;
        }

        return factory;
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

        var instance = new ApiFactory(
            Backend, DataRoot, instanceSettings, database: null, bucket: null, services ?? configureServices, environment, Clock.GetUtcNow())
        {
            sharedBucket = bucket,
            ownsDataRoot = false,
        };
        if (OnKestrel)
        {
            instance.UseKestrel(0);
            instance.OnKestrel = true;
        }

        return instance;
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
        if (database is not null)
        {
            await TestServers.DropDatabaseAsync(database);
        }

        if (bucket is not null)
        {
            await TestServers.DeleteBucketAsync(bucket);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!ownsDataRoot)
        {
            return;
        }

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
