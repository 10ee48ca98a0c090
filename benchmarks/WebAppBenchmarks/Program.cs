using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanProfiles.PictureBenchmarks;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;

// The browser app's figures, measured in Debian's Chromium against the API (Release) on loopback:
// JavaScript of the first screen (gzip and as served), image bytes of a community page of 24 on a first visit and a
// reload against the originals, and the time from navigation to the grid's last thumbnail decoded.
var api = Argument("--api") ?? throw new ArgumentException("--api path/to/CleanProfiles.WebApi.dll is required");
var dist = Argument("--dist") ?? throw new ArgumentException("--dist path/to/src/WebApp/dist is required");
var runs = int.Parse(Argument("--runs") ?? "10", CultureInfo.InvariantCulture);
const int People = 24;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var data = Directory.CreateTempSubdirectory("cleanprofiles-webapp-bench-").FullName;
var port = FreePort();
var baseUrl = $"http://127.0.0.1:{port}";
using var server = Process.Start(new ProcessStartInfo("dotnet", [api])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment =
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = baseUrl,
        ["ConnectionStrings__Profiles"] = $"Data Source={Path.Combine(data, "profiles.db")}",
        ["Storage__LocalDisk__RootPath"] = Path.Combine(data, "media"),
        ["Storage__LocalDisk__SigningKey"] = "benchmark-media-signing-key-0123456789abcdef",
        ["Jwt__SigningKey"] = "benchmark-jwt-signing-key-0123456789abcdefgh",
        ["RateLimits__UploadsPerMinute"] = "1000",
        ["RateLimits__LoginsPerMinutePerAddress"] = "1000",
        ["WebApp__RootPath"] = Path.GetFullPath(dist),
    },
})!;
server.OutputDataReceived += (_, _) => { };
server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"api: {e.Data}"); };
server.BeginOutputReadLine();
server.BeginErrorReadLine();

try
{
    using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    await WaitForAsync(http);

    // 24 people, each with the 12 MP camera JPEG as picture; a viewer who sorts after them.
    var camera = Inputs.CameraJpeg();
    for (var i = 1; i <= People; i++)
    {
        var token = await RegisterAsync(http, $"Alumna {i:00}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(camera);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "IMG_0001.JPG");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/profile/upload-picture") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var uploaded = await http.SendAsync(upload);
        var key = JsonDocument.Parse(await uploaded.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("s3Key").GetString();
        using var attach = new HttpRequestMessage(HttpMethod.Put, "/api/profile/update") { Content = JsonContent.Create(new { profile_picture_url = key }) };
        attach.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.SendAsync(attach)).EnsureSuccessStatusCode();
    }

    var viewer = await RegisterAsync(http, "Zoe Viewer");
    long originals = (long)camera.Length * People;

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    // JavaScript of the first screen: what index.html loads, gzipped, and what Chromium received (the API compresses).
    var index = await File.ReadAllTextAsync(Path.Combine(dist, "index.html"));
    var scripts = Regex.Matches(index, "<(?:script[^>]*src|link[^>]*rel=\"modulepreload\"[^>]*href)=\"/([^\"]+\\.js)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
    long raw = 0, gzip = 0;
    foreach (var script in scripts)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(dist, script));
        raw += bytes.Length;
        gzip += Gzip(bytes);
    }

    long servedJs;
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var scriptRequests = new HashSet<string>();
        long received = 0;
        cdp.Event("Network.responseReceived").OnEvent += (_, e) => { if (e?.GetProperty("type").GetString() == "Script") lock (scriptRequests) scriptRequests.Add(e.Value.GetProperty("requestId").GetString()!); };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => { lock (scriptRequests) if (scriptRequests.Remove(e!.Value.GetProperty("requestId").GetString()!)) received += (long)e.Value.GetProperty("encodedDataLength").GetDouble(); };
        await cdp.SendAsync("Network.enable");
        await page.GotoAsync("/sign-in", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        servedJs = received;
        await context.CloseAsync();
    }

    // Image bytes of the community page: a first visit with an empty cache, then a reload.
    var session = JsonSerializer.Serialize(new { token = viewer, expiresAt = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds() });
    var init = $"sessionStorage.setItem('cleanprofiles.session', {JsonSerializer.Serialize(session)});";
    async Task<(IBrowserContext Context, IPage Page)> NewViewerAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 4000 } });
        await context.AddInitScriptAsync(init);
        return (context, await context.NewPageAsync());
    }

    async Task<double> ShowGridAsync(IPage page, Func<Task> navigate)
    {
        await navigate();
        await page.WaitForFunctionAsync($"() => {{ const imgs = [...document.querySelectorAll('ul img')]; return imgs.length === {People} && imgs.every(i => i.complete && i.naturalWidth > 0); }}",
            null, new PageWaitForFunctionOptions { PollingInterval = 5 });
        // Milliseconds since the navigation started, once every thumbnail is decoded.
        return await page.EvaluateAsync<double>("() => Promise.all([...document.querySelectorAll('ul img')].map(i => i.decode())).then(() => performance.now())");
    }

    long firstVisitBytes, reloadBytes;
    int firstVisitResponses, reloadResponses;
    {
        var (context, page) = await NewViewerAsync();
        var traffic = await PictureTraffic.WatchAsync(page);
        await ShowGridAsync(page, () => page.GotoAsync("/community"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (firstVisitBytes, firstVisitResponses) = traffic.Take();
        await ShowGridAsync(page, () => page.ReloadAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (reloadBytes, reloadResponses) = traffic.Take();
        await context.CloseAsync();
    }

    // Time to the last thumbnail decoded: cold (new context, empty cache) and warm (reload), median of the runs.
    var cold = new List<double>();
    var warm = new List<double>();
    for (var run = 0; run < runs + 1; run++)
    {
        var (context, page) = await NewViewerAsync();
        var coldMs = await ShowGridAsync(page, () => page.GotoAsync("/community"));
        var warmMs = await ShowGridAsync(page, () => page.ReloadAsync());
        if (run > 0) // the first run warms the server up
        {
            cold.Add(coldMs);
            warm.Add(warmMs);
        }

        await context.CloseAsync();
    }

    Console.WriteLine($"## The browser app (Chromium {browser.Version}, loopback, {Environment.ProcessorCount} cores)");
    Console.WriteLine();
    Console.WriteLine("| figure | value | reference or target |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| JavaScript of the first screen, gzip -6 | {gzip / 1024.0:F1} KB ({scripts.Count} file{(scripts.Count == 1 ? "" : "s")}, {raw / 1024.0:F1} KB minified) | target at most 100 KB |");
    Console.WriteLine($"| JavaScript as Chromium received it (Brotli from the API) | {servedJs / 1024.0:F1} KB | |");
    Console.WriteLine($"| image bytes, community page of {People}, first visit | {firstVisitBytes:N0} B in {firstVisitResponses} responses ({100.0 * firstVisitBytes / originals:F3} % of the originals) | originals {originals:N0} B; target at most 0.5 % |");
    Console.WriteLine($"| image bytes, same page, reload | {reloadBytes:N0} B in {reloadResponses} responses | target 0 |");
    Console.WriteLine($"| navigation to last thumbnail decoded, first visit (empty cache), median of {runs} | {Median(cold):F0} ms (min {cold.Min():F0}, max {cold.Max():F0}) | |");
    Console.WriteLine($"| navigation to last thumbnail decoded, reload (cached), median of {runs} | {Median(warm):F0} ms (min {warm.Min():F0}, max {warm.Max():F0}) | |");
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

static async Task WaitForAsync(HttpClient http)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            using var live = await http.GetAsync("/health/live");
            if (live.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("The API did not start within 30 s.");
}

static async Task<string> RegisterAsync(HttpClient http, string name)
{
    using var response = await http.PostAsJsonAsync("/api/auth/register", new { email = $"{Guid.NewGuid():N}@example.com", password = "correct horse battery", name });
    return JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
}

static long Gzip(byte[] bytes)
{
    using var output = new MemoryStream();
    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
    {
        gzip.Write(bytes);
    }

    return output.Length;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
