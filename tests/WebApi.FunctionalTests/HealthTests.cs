using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class HealthTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task Live_Returns200Healthy()
    {
        using var response = await NewClient().GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.ReadJsonAsync())["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Ready_WithDatabaseAndStoreUp_Returns200WithEachCheck()
    {
        using var response = await NewClient().GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
        Assert.That(body["checks"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }
}
