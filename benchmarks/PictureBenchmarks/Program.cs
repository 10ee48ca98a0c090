using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Infrastructure.Images;
using CleanProfiles.PictureBenchmarks;
using Microsoft.Extensions.Logging.Abstractions;
using NetVips;

// Picture pipeline benchmarks. Every figure is printed beside a reference measured in the same run, on the same
// bytes, because absolute times on a shared machine drift. Usage:
//   PictureBenchmarks [--runs N] [--api path/to/CleanProfiles.WebApi.dll]
var culture = CultureInfo.InvariantCulture;
var runs = ArgInt("--runs", 30);
var api = Arg("--api");
Console.WriteLine($"# Picture pipeline benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}; {runs} runs per figure after 3 warm-ups.");
Console.WriteLine();

var camera = Inputs.CameraJpeg();
var png = Inputs.Png2000();
var bomb = Inputs.PngBomb();
using var processor = new NetVipsImageProcessor(PictureLimits.From(new PicturesOptions()), NullLogger<NetVipsImageProcessor>.Instance);

Console.WriteLine("## Pipeline per picture (header check, decode with orientation, sRGB, strip, 1024 px picture + 256 px thumbnail)");
Console.WriteLine();
Console.WriteLine("| input | bytes | pipeline median | pipeline p95 | full-size decode median (reference) | pipeline / decode |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, bytes) in new[] { ("12 MP camera JPEG (EXIF orientation 6, GPS, P3 profile)", camera), ("2000 x 2000 PNG", png) })
{
    var (pipeline, decode) = Interleaved(
        () => processor.ProcessAsync(bytes, Guid.NewGuid(), CancellationToken.None).GetAwaiter().GetResult(),
        () => FullDecode(bytes));
    Console.WriteLine($"| {name} | {bytes.Length:N0} | {Median(pipeline):F1} ms | {P95(pipeline):F1} ms | {Median(decode):F1} ms | {Median(pipeline) / Median(decode):F2} |");
}

Console.WriteLine();
var processed = await processor.ProcessAsync(camera, Guid.NewGuid(), CancellationToken.None);
Console.WriteLine("## Stored sizes for the camera JPEG");
Console.WriteLine();
Console.WriteLine("| object | bytes | of the upload |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| upload (original) | {camera.Length:N0} | 100 % |");
Console.WriteLine($"| picture ({processed.Picture.Width} x {processed.Picture.Height} {processed.Picture.Format.Extension}) | {processed.Picture.Content.Length:N0} | {100.0 * processed.Picture.Content.Length / camera.Length:F2} % |");
Console.WriteLine($"| thumbnail ({processed.Thumbnail.Width} x {processed.Thumbnail.Height} {processed.Thumbnail.Format.Extension}) | {processed.Thumbnail.Content.Length:N0} | {100.0 * processed.Thumbnail.Content.Length / camera.Length:F2} % |");
Console.WriteLine();

Console.WriteLine($"## Refusing a decompression bomb (PNG declaring 30,000 x 30,000, {bomb.Length:N0} bytes)");
Console.WriteLine();
var refusals = Times(() =>
{
    try
    {
        processor.ProcessAsync(bomb, Guid.NewGuid(), CancellationToken.None).GetAwaiter().GetResult();
        throw new InvalidOperationException("The bomb was not refused.");
    }
    catch (PictureRejectedException e) when (e.Reason == PictureRejection.TooManyPixels)
    {
    }
}, runs * 3);
ResetPeak();
var beforeRefusal = Rss();
for (var i = 0; i < 50; i++)
{
    try
    {
        await processor.ProcessAsync(bomb, Guid.NewGuid(), CancellationToken.None);
    }
    catch (PictureRejectedException e) when (e.Reason == PictureRejection.TooManyPixels)
    {
    }
}

var refusalPeak = PeakRss() - beforeRefusal;
var uncheckedRuns = Times(() => FullDecode(bomb), 3, warmups: 0);
Console.WriteLine("| | median | p95 | peak memory growth |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| refused from the header (the pipeline) | {Median(refusals):F3} ms | {P95(refusals):F3} ms | {Mb(refusalPeak)} over 50 refusals |");
Console.WriteLine($"| decoded without the check (reference) | {Median(uncheckedRuns):F0} ms | {P95(uncheckedRuns):F0} ms | streamed by libvips: the cost is CPU time |");
Console.WriteLine($"| ratio | {Median(uncheckedRuns) / Median(refusals):N0} x faster | | |");
Console.WriteLine();

if (api is not null)
{
    await ServerMemory(api);
}

return;

async Task ServerMemory(string dll)
{
    var upload = FiveMegabyteJpeg();
    Console.WriteLine($"## The API process under 8 concurrent uploads of a {upload.Length:N0}-byte 12 MP JPEG (Kestrel, Release, SQLite + local disk)");
    Console.WriteLine();
    Console.WriteLine("| glibc malloc arenas | idle RSS | peak RSS (VmHWM) during 3 bursts of 8 | growth | upload median | upload p95 | uploads/s |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var arenas in new string?[] { null, "2" })
    {
        var row = await MeasureServer(dll, upload, arenas);
        Console.WriteLine($"| {(arenas is null ? "default (8 x cores)" : $"MALLOC_ARENA_MAX={arenas}")} | {Mb(row.Idle)} | {Mb(row.Peak)} | {Mb(row.Peak - row.Idle)} | {Median(row.Latencies):F0} ms | {P95(row.Latencies):F0} ms | {row.Throughput:F1} |");
    }

    Console.WriteLine();
}

async Task<(long Idle, long Peak, List<double> Latencies, double Throughput)> MeasureServer(string dll, byte[] upload, string? arenas)
{
    var root = Directory.CreateTempSubdirectory("cleanprofiles-bench-").FullName;
    var port = FreePort();
    var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll), "--urls", $"http://127.0.0.1:{port}"])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        // The content root is the working directory: start where appsettings.json lies.
        WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
    };
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    start.Environment["Jwt__SigningKey"] = "benchmark-jwt-signing-key-0123456789abcdef";
    start.Environment["Storage__LocalDisk__SigningKey"] = "benchmark-media-signing-key-0123456789abcdef";
    start.Environment["Storage__LocalDisk__RootPath"] = Path.Combine(root, "media");
    start.Environment["ConnectionStrings__Profiles"] = $"Data Source={Path.Combine(root, "profiles.db")}";
    start.Environment["RateLimits__UploadsPerMinute"] = "100000";
    start.Environment["Logging__LogLevel__Default"] = "Warning";
    if (arenas is not null)
    {
        start.Environment["MALLOC_ARENA_MAX"] = arenas;
    }

    using var server = Process.Start(start)!;
    var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
    server.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
    server.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
    server.BeginOutputReadLine();
    server.BeginErrorReadLine();
    try
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        if (!await WaitUntilUp(http))
        {
            throw new InvalidOperationException("The API did not start:\n" + string.Join('\n', output.TakeLast(30)));
        }

        using var register = await http.PostAsJsonAsync("/api/auth/register", new { email = "bench@example.com", password = "benchmark password", name = "Bench" });
        var token = JsonNode.Parse(await register.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        for (var i = 0; i < 3; i++)
        {
            await Upload(http, upload);
        }

        await Task.Delay(500);
        var idle = ProcessRss(server.Id, "VmRSS");
        File.WriteAllText($"/proc/{server.Id}/clear_refs", "5"); // restart VmHWM from the current RSS
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var burst = 0; burst < 3; burst++)
        {
            var times = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Upload(http, upload)));
            latencies.AddRange(times);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var peak = ProcessRss(server.Id, "VmHWM");
        return (idle, peak, latencies, latencies.Count / elapsed);
    }
    finally
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        Directory.Delete(root, recursive: true);
    }
}

static async Task<double> Upload(HttpClient http, byte[] bytes)
{
    using var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(bytes);
    file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
    form.Add(file, "file", "camera.jpg");
    var watch = Stopwatch.StartNew();
    using var response = await http.PostAsync("/api/profile/upload-picture", form);
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    return watch.Elapsed.TotalMilliseconds;
}

static async Task<bool> WaitUntilUp(HttpClient http)
{
    for (var i = 0; i < 600; i++)
    {
        try
        {
            using var live = await http.GetAsync("/health/live");
            if (live.IsSuccessStatusCode)
            {
                return true;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    return false;
}

// The largest camera JPEG under the 5 MiB limit: the worst case the limit lets through.
static byte[] FiveMegabyteJpeg()
{
    for (var quality = 100; quality > 60; quality--)
    {
        var bytes = Inputs.CameraJpeg(quality);
        if (bytes.Length <= 5 * 1024 * 1024)
        {
            return bytes;
        }
    }

    throw new InvalidOperationException("No quality fits 5 MiB.");
}

(List<double> A, List<double> B) Interleaved(Action a, Action b)
{
    for (var i = 0; i < 3; i++)
    {
        a();
        b();
    }

    var first = new List<double>();
    var second = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        first.Add(Time(a));
        second.Add(Time(b));
    }

    return (first, second);
}

static List<double> Times(Action action, int count, int warmups = 3)
{
    for (var i = 0; i < warmups; i++)
    {
        action();
    }

    return Enumerable.Range(0, count).Select(_ => Time(action)).ToList();
}

static double Time(Action action)
{
    var start = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

// What "validate by decoding" costs without shrink-on-load: every pixel at full size.
static void FullDecode(byte[] bytes)
{
    using var image = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
    _ = image.Avg();
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double P95(List<double> values) => Percentile(values, 0.95);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = p * (sorted.Count - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
}

static long Rss() => ProcessRss(Environment.ProcessId, "VmRSS");

static long PeakRss() => ProcessRss(Environment.ProcessId, "VmHWM");

static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

static long ProcessRss(int pid, string field)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MB";

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int ArgInt(string name, int fallback) => Arg(name) is { } value ? int.Parse(value, culture) : fallback;
