using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApp.BrowserTests.Support;

/// <summary>The real app on Kestrel on a free 127.0.0.1 port, on one backend, with the functional suite's fake clock.</summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private BrowserApp(ApiFactory factory, Uri baseUrl)
    {
        Factory = factory;
        BaseUrl = baseUrl;
    }

    public ApiFactory Factory { get; }

    public Uri BaseUrl { get; }

    public static async Task<BrowserApp> StartAsync(
        Backend backend, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        // As a developer runs it: Swagger UI on (it is off outside Development), so the app and Swagger UI are checked together.
        var all = new Dictionary<string, string?> { ["SwaggerUi:Enabled"] = "true" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = await ApiFactory.CreateAsync(backend, all, configureServices);
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var app = new BrowserApp(factory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
            await app.EnsureBuiltAsync();
            return app;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client of the API at the same address the browser uses, for set-up and checks.</summary>
    public HttpClient NewHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    private async Task EnsureBuiltAsync()
    {
        using var http = NewHttpClient();
        using var response = await http.GetAsync("/");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"The web app is not served at / ({(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}). "
                + "It is built by the API's build, which needs Node.js 20+ and npm.");
        }
    }
}
