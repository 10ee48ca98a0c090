using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CleanProfiles.PictureBenchmarks;
using CleanProfiles.Tests.Shared;

// The decode memory budget, measured on real API processes (Kestrel, Release, SQLite + local disk, MALLOC_ARENA_MAX=2
// as deployment recommends): peak RSS while four worst-case 40 MP pictures are uploaded at once by four users, on the
// API before the budget and after it; and uploads per second of ordinary camera photos with the budget and without
// it (a budget no decode ever waits for), in alternating rounds of the same run.
//
//   DecodeBudgetBenchmarks --before path/to/before/CleanProfiles.WebApi.dll --after path/to/CleanProfiles.WebApi.dll [--runs N]
var before = Arg("--before") ?? throw new ArgumentException("--before <dll> is required");
var after = Arg("--after") ?? throw new ArgumentException("--after <dll> is required");
var runs = int.Parse(Arg("--runs") ?? "3", CultureInfo.InvariantCulture);
const long DefaultBudget = 768L * 1024 * 1024;
const string NoBudget = "1099511627776"; // 1 TiB: nothing ever waits

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {runs} runs per figure.");
Console.WriteLine();

var sw = Stopwatch.StartNew();
var worst = new (string Name, byte[] Bytes)[]
{
    ("16-bit RGBA interlaced PNG", CostlyPictures.InterlacedRgba16Png(7296, 5472)),
    ("progressive CMYK JPEG", CostlyPictures.ProgressiveCmykJpeg(7296, 5472)),
    ("16-bit RGBA interlaced PNG", CostlyPictures.InterlacedRgba16Png(7296, 5472)),
    ("progressive CMYK JPEG", CostlyPictures.ProgressiveCmykJpeg(7296, 5472)),
};
var camera = Inputs.CameraJpeg();
Console.WriteLine($"Inputs (made in {sw.Elapsed.TotalSeconds:F0} s): 7296 x 5472 (39.9 MP) {worst[0].Name} {worst[0].Bytes.Length:N0} bytes, {worst[1].Name} {worst[1].Bytes.Length:N0} bytes; 12 MP camera JPEG {camera.Length:N0} bytes.");
Console.WriteLine();

Console.WriteLine("## Four worst-case 40 MP pictures uploaded at once (two of each kind, four users)");
Console.WriteLine();
Console.WriteLine("| API | budget | idle RSS | peak RSS (VmHWM) | growth (median of runs) | growth per run | answers | all four answered after |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var (name, dll, budget) in new[] { ("before (main 42f7770)", before, (string?)null), ("after", after, (string?)null) })
{
    var rows = new List<(long Idle, long Peak, string Answers, double Seconds)>();
    for (var run = 0; run < runs; run++)
    {
        await using var server = await Server.StartAsync(dll, budget);
        var users = await server.UsersAsync(4);
        await server.WarmUpAsync(users[0], camera);
        var idle = server.ResetPeak();
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(worst.Select((w, i) => server.UploadAsync(users[i], w.Bytes)));
        var seconds = clock.Elapsed.TotalSeconds;
        rows.Add((idle, server.Peak(), string.Join(" ", answers.Select(a => (int)a.Status)), seconds));
    }

    var growths = rows.Select(r => r.Peak - r.Idle).Order().ToList();
    Console.WriteLine($"| {name} | {(name.StartsWith("after", StringComparison.Ordinal) ? $"{Mb(DefaultBudget)} (default)" : "none")} | {Mb(rows.Min(r => r.Idle))} | {Mb(rows.Max(r => r.Peak))} | **{Mb(growths[growths.Count / 2])}** | {string.Join(", ", rows.Select(r => Mb(r.Peak - r.Idle)))} | {rows[0].Answers} | {rows.Average(r => r.Seconds):F1} s |");
}

Console.WriteLine();
Console.WriteLine("## Ordinary camera photos: 8 users uploading a 12 MP JPEG at once, 4 rounds each (after, with and without the budget)");
Console.WriteLine();
Console.WriteLine("| budget | uploads/s per run (alternating rounds) | median uploads/s | median latency | p95 latency |");
Console.WriteLine("|---|---|---|---|---|");
var throughput = new Dictionary<string, List<(double PerSecond, List<double> Latencies)>> { ["default"] = [], ["none"] = [] };
{
    await using var withBudget = await Server.StartAsync(after, null);
    await using var withoutBudget = await Server.StartAsync(after, NoBudget);
    var servers = new[] { ("default", withBudget, await withBudget.UsersAsync(8)), ("none", withoutBudget, await withoutBudget.UsersAsync(8)) };
    foreach (var (_, server, users) in servers)
    {
        await server.WarmUpAsync(users[0], camera);
    }

    for (var run = 0; run < runs; run++)
    {
        foreach (var (key, server, users) in run % 2 == 0 ? servers : servers.Reverse().ToArray())
        {
            var latencies = new List<double>();
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < 4; round++)
            {
                var answers = await Task.WhenAll(users.Select(u => server.UploadAsync(u, camera)));
                if (answers.Any(a => a.Status != HttpStatusCode.OK))
                {
                    throw new InvalidOperationException("A camera photo was refused: " + string.Join(", ", answers.Select(a => a.Status)));
                }

                latencies.AddRange(answers.Select(a => a.Milliseconds));
            }

            throughput[key].Add((latencies.Count / clock.Elapsed.TotalSeconds, latencies));
        }
    }
}

foreach (var (key, label) in new[] { ("default", $"{Mb(DefaultBudget)} (default)"), ("none", "none (1 TiB)") })
{
    var rows = throughput[key];
    var all = rows.SelectMany(r => r.Latencies).ToList();
    Console.WriteLine($"| {label} | {string.Join(", ", rows.Select(r => r.PerSecond.ToString("F2", CultureInfo.InvariantCulture)))} | **{Median(rows.Select(r => r.PerSecond).ToList()):F2}** | {Median(all):F0} ms | {Percentile(all, 0.95):F0} ms |");
}

Console.WriteLine();
return;

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F0} MB";

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>One API process on a free loopback port, with its own SQLite file and media folder.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process process;
    private readonly string root;
    private readonly ConcurrentQueue<string> output = new();
    private int users;

    private Server(Process process, string root, HttpClient http)
    {
        this.process = process;
        this.root = root;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<Server> StartAsync(string dll, string? budget)
    {
        var root = Directory.CreateTempSubdirectory("cleanprofiles-budget-bench-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["MALLOC_ARENA_MAX"] = "2";
        start.Environment["Jwt__SigningKey"] = "benchmark-jwt-signing-key-0123456789abcdef";
        start.Environment["Storage__LocalDisk__SigningKey"] = "benchmark-media-signing-key-0123456789abcdef";
        start.Environment["Storage__LocalDisk__RootPath"] = Path.Combine(root, "media");
        start.Environment["ConnectionStrings__Profiles"] = $"Data Source={Path.Combine(root, "profiles.db")}";
        start.Environment["RateLimits__UploadsPerMinute"] = "100000";
        start.Environment["RateLimits__LoginsPerMinutePerAddress"] = "100000";
        start.Environment["Pictures__ProcessingTimeout"] = "00:02:00"; // measure memory, not the deadline
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (budget is not null)
        {
            start.Environment["Pictures__DecodeMemoryBudget"] = budget;
        }

        var process = Process.Start(start)!;
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        var server = new Server(process, root, http);
        process.OutputDataReceived += (_, e) => server.output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => server.output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var live = await http.GetAsync("/health/live");
                if (live.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("The API did not start:\n" + string.Join('\n', server.output.TakeLast(30)));
    }

    public async Task<string[]> UsersAsync(int count)
    {
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            var email = $"bench{Interlocked.Increment(ref users)}@example.com";
            using var register = await Http.PostAsJsonAsync("/api/auth/register", new { email, password = "benchmark password", name = "Bench" });
            tokens[i] = JsonNode.Parse(await register.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        }

        return tokens;
    }

    public async Task WarmUpAsync(string token, byte[] picture)
    {
        for (var i = 0; i < 3; i++)
        {
            var answer = await UploadAsync(token, picture);
            if (answer.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Warm-up upload answered {answer.Status}");
            }
        }

        await Task.Delay(500);
    }

    public async Task<(HttpStatusCode Status, double Milliseconds)> UploadAsync(string token, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "picture");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profile/upload-picture") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>Restarts VmHWM from the current RSS; returns that RSS.</summary>
    public long ResetPeak()
    {
        var idle = Status("VmRSS");
        File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
        return idle;
    }

    public long Peak() => Status("VmHWM");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
