// Several instances on one PostgreSQL + S3 (+ Redis), measured from outside over loopback HTTP:
//   community  GET /api/community?limit=24 throughput of two API builds (before/after) side by side, rounds alternating
//   identity   the same community page and profiles from two instances of one build: how many URLs are identical
//   limiter    the abuse limits' cost per upload and per login, counted in Redis against in process (median, p99)
// Servers come from the CLEANPROFILES_TEST_* variables (benchmarks/instances.sh starts throwaway ones).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanProfiles.PictureBenchmarks;
using CleanProfiles.Tests.Shared;

var options = Args.Parse(args);
var mode = options.Positional.FirstOrDefault() ?? "community";
if (mode == "limiter")
{
    await LimiterBenchmark.RunAsync(options.Int("iterations", 5000));
    return;
}

var database = await TestServers.CreateDatabaseAsync();
var bucket = await TestServers.CreateBucketAsync();
var servers = new List<ApiProcess>();
try
{
    switch (mode)
    {
        case "community":
            await CommunityAsync(options.Value("before"), options.Value("after"), options.Int("rounds", 6), options.Int("seconds", 5),
                options.Int("concurrency", 8));
            break;
        case "identity":
            await IdentityAsync(options.Value("api"), options.Int("users", 24));
            break;
        default:
            throw new ArgumentException($"unknown mode {mode}: community or identity");
    }
}
finally
{
    foreach (var server in servers)
    {
        server.Dispose();
    }

    await TestServers.DropDatabaseAsync(database);
    await TestServers.DeleteBucketAsync(bucket);
}

async Task CommunityAsync(string beforeDll, string afterDll, int rounds, int seconds, int concurrency)
{
    // Both builds on the same data: seeded once through the new build (the schema is the same).
    var after = Start(afterDll, "after");
    var token = await SeedAsync(after, 24);
    var before = Start(beforeDll, "before");
    await before.WaitReadyAsync();

    using var http = Client();
    foreach (var api in new[] { before, after })
    {
        await LoadAsync(http, api, token, TimeSpan.FromSeconds(2), concurrency); // warm-up: JIT, pools, credentials
    }

    var results = new Dictionary<string, List<double>> { ["before"] = [], ["after"] = [] };
    for (var round = 0; round < rounds; round++)
    {
        // A B, then B A: neither build always runs first while the machine's speed drifts.
        var order = round % 2 == 0 ? new[] { before, after } : new[] { after, before };
        foreach (var api in order)
        {
            results[api.Name].Add(await LoadAsync(http, api, token, TimeSpan.FromSeconds(seconds), concurrency));
        }
    }

    var ratios = results["after"].Zip(results["before"], (a, b) => a / b).ToList();
    Console.WriteLine($"## GET /api/community?limit=24 (24 profiles with pictures, {concurrency} concurrent clients, "
        + $"{rounds} rounds of {seconds} s per build, loopback, {Environment.ProcessorCount} cores)");
    Console.WriteLine();
    Console.WriteLine("| build | requests/s median | min | max |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (name, values) in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Median(values):F0} | {values.Min():F0} | {values.Max():F0} |"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"after / before, paired by round: median {Median(ratios):F3} (min {ratios.Min():F3}, max {ratios.Max():F3})"));
}

async Task IdentityAsync(string apiDll, int users)
{
    var one = Start(apiDll, "instance-1");
    var token = await SeedAsync(one, users);
    var two = Start(apiDll, "instance-2");
    await two.WaitReadyAsync();
    using var http = Client();

    var urls = new List<(string One, string Two)>();
    var fromOne = await PictureUrlsAsync(http, one, token);
    var fromTwo = await PictureUrlsAsync(http, two, token);
    urls.AddRange(fromOne.Zip(fromTwo));
    var identical = urls.Count(u => u.One == u.Two);
    var served = 0;
    foreach (var (url, _) in urls)
    {
        using var response = await http.GetAsync(url);
        served += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
    }

    Console.WriteLine($"## URL identity across two instances ({users} profiles with pictures: every picture and thumbnail URL of the community page)");
    Console.WriteLine();
    Console.WriteLine($"identical: {identical} of {urls.Count}; served 200 by the S3 server: {served} of {urls.Count}");
}

// Every picture and thumbnail URL of the community page (in order).
async Task<List<string>> PictureUrlsAsync(HttpClient http, ApiProcess api, string token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseUrl, "/api/community?limit=100"));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    var page = JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    return page["alumni"]!.AsArray()
        .SelectMany(p => new[] { p!["profile_picture_url"]?.GetValue<string>(), p["profile_picture_thumbnail_url"]?.GetValue<string>() })
        .OfType<string>()
        .ToList();
}

// Requests per second over the duration, with `concurrency` clients in a closed loop; any non-200 aborts the run.
async Task<double> LoadAsync(HttpClient http, ApiProcess api, string token, TimeSpan duration, int concurrency)
{
    var url = new Uri(api.BaseUrl, "/api/community?limit=24");
    var stopwatch = Stopwatch.StartNew();
    var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        var done = 0;
        while (stopwatch.Elapsed < duration)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            await response.EnsureSuccessStatusCode().Content.CopyToAsync(Stream.Null);
            done++;
        }

        return done;
    }));
    return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
}

// Registers `users` people with a picture each; returns the token of one more (the reader).
async Task<string> SeedAsync(ApiProcess api, int users)
{
    await api.WaitReadyAsync();
    using var http = Client();
    var picture = Inputs.CameraJpeg(quality: 85, width: 800, height: 600);
    for (var i = 0; i < users; i++)
    {
        var token = await RegisterAsync(http, api, $"Person {i:D2}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(picture);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "me.jpg");
        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri(api.BaseUrl, "/api/profile/upload-picture")) { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var uploaded = await http.SendAsync(upload);
        var key = JsonDocument.Parse(await uploaded.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("s3Key").GetString();
        using var update = new HttpRequestMessage(HttpMethod.Put, new Uri(api.BaseUrl, "/api/profile/update"))
        {
            Content = JsonContent.Create(new Dictionary<string, string?> { ["profile_picture_url"] = key }),
        };
        update.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var updated = await http.SendAsync(update);
        updated.EnsureSuccessStatusCode();
    }

    return await RegisterAsync(http, api, "Reader");
}

async Task<string> RegisterAsync(HttpClient http, ApiProcess api, string name)
{
    using var response = await http.PostAsJsonAsync(new Uri(api.BaseUrl, "/api/auth/register"),
        new { email = $"{Guid.NewGuid():N}@example.com", password = "correct horse battery staple", name });
    return JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
}

ApiProcess Start(string dll, string name)
{
    var server = new ApiProcess(name, dll, new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["Database__MigrateOnStartup"] = "true",
        ["ConnectionStrings__Profiles"] = database,
        ["Storage__Provider"] = "S3",
        ["Storage__S3__BucketName"] = bucket,
        ["Storage__S3__ForcePathStyle"] = "true",
        ["AWS__ServiceURL"] = TestServers.S3ServiceUrl.AbsoluteUri,
        ["AWS__Region"] = TestServers.S3Region,
        ["AWS_ACCESS_KEY_ID"] = TestServers.S3AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = TestServers.S3SecretKey,
        ["Jwt__SigningKey"] = "benchmark-jwt-signing-key-0123456789abcdef",
        ["RateLimits__UploadsPerMinute"] = "100000",
        ["RateLimits__LoginsPerMinutePerAddress"] = "100000",
        ["RateLimits__LoginsPerMinutePerEmail"] = "100000",
        ["Pictures__OrphanSweepInterval"] = "00:00:00",
    });
    servers.Add(server);
    return server;
}

static HttpClient Client() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    Timeout = TimeSpan.FromSeconds(60),
};

static double Median(IReadOnlyCollection<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

/// <summary>An API build running as its own process (Production settings) on a free loopback port.</summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process process;

    public ApiProcess(string name, string dll, IDictionary<string, string> settings)
    {
        Name = name;
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl.AbsoluteUri.TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{name}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseUrl { get; }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} during start-up.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready within 90 s.");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

internal sealed record Args(List<string> Positional, Dictionary<string, string> Named)
{
    public static Args Parse(string[] args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                named[args[i][2..]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return new Args(positional, named);
    }

    public string Value(string name) =>
        Named.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) =>
        Named.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
