using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>The real app, in memory, on one <see cref="Backend"/>, with its data in a temp folder and a controllable clock.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string JwtSigningKey = "functional-tests-jwt-signing-key-0123456789";
    public const string MediaSigningKey = "functional-tests-media-signing-key-0123456789";

    private readonly Dictionary<string, string?> settings;

    public ApiFactory(Backend backend, IDictionary<string, string?>? overrides = null)
    {
        Backend = backend;
        DataRoot = Directory.CreateTempSubdirectory("cleanprofiles-tests-").FullName;
        settings = new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = JwtSigningKey,
            ["Jwt:Issuer"] = "CleanProfiles.Tests",
            ["Jwt:Audience"] = "CleanProfiles.Tests",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Profiles"] = $"Data Source={Path.Combine(DataRoot, "profiles.db")}",
            ["Storage:Provider"] = "LocalDisk",
            ["Storage:LocalDisk:RootPath"] = Path.Combine(DataRoot, "media"),
            ["Storage:LocalDisk:SigningKey"] = MediaSigningKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public Backend Backend { get; }

    public string DataRoot { get; }

    public string MediaRoot => Path.Combine(DataRoot, "media");

    /// <summary>The app's only clock (tokens, signed URLs, timestamps). Tests may move it forward, never back.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>How many objects the store holds now, whatever the backend.</summary>
    public Task<int> CountStoredObjectsAsync() => Task.FromResult(Directory.Exists(MediaRoot)
        ? Directory.EnumerateFiles(MediaRoot, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".content-type", StringComparison.Ordinal))
        : 0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
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
    }
}
