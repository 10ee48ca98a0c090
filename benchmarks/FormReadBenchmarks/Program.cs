using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Form read, side by side: the time from the request (headers parsed) to the upload's file bytes in hand, measured by
// each server itself, for the same multipart body, alternating between the two servers.
//   serve <port>                  this API (Release, on Kestrel) with two probes: when the request starts, and when the
//                                 use case first asks a port for something, which is right after the form was read.
//   measure <api> <node> <runs>   sends the body to both, alternately, and prints the report.
return args switch
{
    ["serve", var port] => await Serve(int.Parse(port, CultureInfo.InvariantCulture)),
    ["measure", var api, var node, var runs] => await Measure(new Uri(api), new Uri(node), int.Parse(runs, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: serve <port> | measure <api-url> <node-url> <runs>");
    return 2;
}

static async Task<int> Serve(int port)
{
    var root = Directory.CreateTempSubdirectory("cleanprofiles-formread-").FullName;
    await using var app = new ProbedApi(root, port);
    app.StartServer();
    using (var scope = app.Services.CreateScope())
    {
        // A token for a user that needs no row: the probe answers before any lookup.
        var issuer = scope.ServiceProvider.GetRequiredService<ITokenIssuer>();
        var account = UserAccount.Create(Guid.CreateVersion7(), "bench@example.com", "unused-hash", DateTimeOffset.UtcNow);
        Console.WriteLine($"TOKEN {issuer.Issue(account).Value}");
    }

    Console.WriteLine($"listening on {port}");
    // Until the script stops it (SIGTERM stops the host).
    var stopping = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
    await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
    return 0;
}

static async Task<int> Measure(Uri api, Uri node, int runs)
{
    var token = Environment.GetEnvironmentVariable("FORMREAD_TOKEN") ?? throw new InvalidOperationException("FORMREAD_TOKEN is not set.");
    // A 3.9 MB file, as a browser's FormData sends it (one part named "file"); the bytes need not be an image:
    // the form read is measured before anything looks at them.
    var file = new byte[3_958_460];
    new Random(7).NextBytes(file);
    var boundary = "----formread" + Guid.NewGuid().ToString("N");
    var body = Multipart(boundary, file);

    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    var dotnet = new List<double>();
    var nodejs = new List<double>();
    for (var i = -5; i < runs; i++)
    {
        // Alternate which goes first, so neither always meets a warmer machine.
        var first = i % 2 == 0;
        var a = await Send(http, first ? api : node, token, boundary, body);
        var b = await Send(http, first ? node : api, token, boundary, body);
        if (i >= 0)
        {
            (first ? dotnet : nodejs).Add(a);
            (first ? nodejs : dotnet).Add(b);
        }
    }

    Console.WriteLine($"## Form read: request start to the file's bytes in hand ({file.Length:N0}-byte file, {body.Length:N0}-byte multipart body)");
    Console.WriteLine();
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {runs} requests to each server after 5 warm-ups, alternating.");
    Console.WriteLine();
    Console.WriteLine("| server | median | p10 | p90 |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| this API: `[RequestSizeLimit]`, `MultipartReader`, one buffer (the upload action, Release) | {Median(dotnet):F1} ms | {Percentile(dotnet, 0.1):F1} ms | {Percentile(dotnet, 0.9):F1} ms |");
    Console.WriteLine($"| original design: Node {NodeVersion()} `await request.formData()` + `Buffer.from(await file.arrayBuffer())` | {Median(nodejs):F1} ms | {Percentile(nodejs, 0.1):F1} ms | {Percentile(nodejs, 0.9):F1} ms |");
    Console.WriteLine();
    Console.WriteLine($"Ratio of medians (this API / original): {Median(dotnet) / Median(nodejs):F2}");
    return 0;
}

static async Task<double> Send(HttpClient http, Uri server, string token, string boundary, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/profile/upload-picture")) { Content = content };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    return response.Headers.TryGetValues(ProbedApi.TimingHeader, out var values)
        ? double.Parse(values.Single(), CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{server} answered {(int)response.StatusCode} without a timing: {await response.Content.ReadAsStringAsync()}");
}

static byte[] Multipart(string boundary, byte[] file)
{
    using var body = new MemoryStream();
    body.Write(System.Text.Encoding.ASCII.GetBytes(
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"));
    body.Write(file);
    body.Write(System.Text.Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"));
    return body.ToArray();
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Round(p * (sorted.Count - 1))];
}

static string NodeVersion() => Environment.GetEnvironmentVariable("FORMREAD_NODE_VERSION") ?? "20";

/// <summary>
/// The real app (every middleware, the upload action, its filters and reader, the mediator pipeline) on Kestrel, with
/// a probe at the start of the request and one in the profile lookup that is the use case's first call after the form
/// was read. The probe's lookup finds no profile, so nothing else runs. (Any type of the API's assembly names its entry point.)
/// </summary>
internal sealed class ProbedApi(string root, int port) : WebApplicationFactory<CleanProfiles.WebApi.Controllers.ProfileController>
{
    public const string TimingHeader = "X-Form-Read-Ms";

    private const string StartedKey = "formread.started";
    private const string ReadKey = "formread.read";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseKestrel(options => options.ListenLocalhost(port));
        builder.UseEnvironment("Production");
        builder.UseSetting("Jwt:SigningKey", "form-read-benchmark-jwt-signing-key-0123456789");
        builder.UseSetting("Storage:LocalDisk:SigningKey", "form-read-benchmark-media-signing-key-0123456789");
        builder.UseSetting("Storage:LocalDisk:RootPath", Path.Combine(root, "media"));
        builder.UseSetting("ConnectionStrings:Profiles", $"Data Source={Path.Combine(root, "profiles.db")}");
        builder.UseSetting("RateLimits:UploadsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, StartProbe>();
            services.Replace(ServiceDescriptor.Scoped<IProfileRepository, ReadProbe>());
        });
    }

    private sealed class StartProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Items[StartedKey] = Stopwatch.GetTimestamp();
                context.Response.OnStarting(() =>
                {
                    if (context.Items[ReadKey] is long read)
                    {
                        var ms = Stopwatch.GetElapsedTime((long)context.Items[StartedKey]!, read).TotalMilliseconds;
                        context.Response.Headers[TimingHeader] = ms.ToString("F3", CultureInfo.InvariantCulture);
                    }

                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class ReadProbe(IHttpContextAccessor accessor) : IProfileRepository
    {
        public Task<UserProfile?> GetAsync(Guid userId, CancellationToken cancellationToken)
        {
            accessor.HttpContext!.Items[ReadKey] = Stopwatch.GetTimestamp();
            return Task.FromResult<UserProfile?>(null);
        }

        public void Add(UserProfile profile) => throw new NotSupportedException();

        public Task<IReadOnlyList<UserProfile>> ListAsync(CommunityPosition? after, int count, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
