namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>Base of every functional fixture: one app per fixture and stack, clients per test.</summary>
public abstract class ApiFixture(Backend backend)
{
    private readonly List<HttpClient> clients = [];

    protected ApiFactory Factory { get; private set; } = null!;

    protected Backend Backend => backend;

    [OneTimeSetUp]
    public void StartApp() => Factory = new ApiFactory(backend);

    [OneTimeTearDown]
    public void StopApp() => Factory.Dispose();

    [TearDown]
    public void DisposeClients()
    {
        clients.ForEach(c => c.Dispose());
        clients.Clear();
    }

    protected HttpClient NewClient()
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
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
