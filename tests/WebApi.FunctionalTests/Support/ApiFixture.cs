namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>Base of every functional fixture: one app per fixture and stack, clients per test.</summary>
public abstract class ApiFixture(Backend backend, bool kestrel = false)
{
    private readonly List<HttpClient> clients = [];

    protected ApiFactory Factory { get; private set; } = null!;

    protected Backend Backend => backend;

    [OneTimeSetUp]
    public async Task StartApp() => Factory = await ApiFactory.CreateAsync(backend, kestrel: kestrel);

    [OneTimeTearDown]
    public async Task StopApp()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
    }

    [TearDown]
    public void DisposeClients()
    {
        clients.ForEach(c => c.Dispose());
        clients.Clear();
    }

    protected HttpClient NewClient()
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = Factory.BaseAddress,
        });
        clients.Add(client);
        return client;
    }

    /// <summary>An anonymous client for the links the API hands out, wherever they point (app or S3 server).</summary>
    protected HttpClient NewBrowser()
    {
        var client = Factory.OnKestrel
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Factory.BaseAddress }
            : new HttpClient(new BrowserHandler(Factory.Server.CreateHandler(), Factory.Server.BaseAddress.Host))
            {
                BaseAddress = Factory.Server.BaseAddress,
            };
        clients.Add(client);
        return client;
    }

    /// <summary>A client signed in as a freshly registered user.</summary>
    protected async Task<HttpClient> NewUserAsync(string name = "Test User")
    {
        var client = NewClient();
        return client.WithToken(await client.RegisterAsync(name: name));
    }
}
