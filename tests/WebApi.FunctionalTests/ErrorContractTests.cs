using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class ErrorContractTests(Backend backend) : ApiFixture(backend)
{
    [TestCase("/api/does-not-exist")]
    [TestCase("/health/nothing/here")] // other unknown paths are the browser app's routes (WebAppServingTests)
    public async Task UnknownRoute_Returns404Problem(string path)
    {
        using var response = await NewClient().GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await NewClient().DeleteAsync("/api/auth/login");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Swagger_DescribesEveryRouteWithBearerSchemeAndProblems()
    {
        using var response = await NewClient().GetAsync("/swagger/v1/swagger.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = await response.ReadJsonAsync();
        var paths = document["paths"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(paths.Select(p => p.Key), Is.SupersetOf(new[]
            {
                "/api/auth/register", "/api/auth/login", "/api/profile", "/api/profile/upload-picture",
                "/api/profile/update", "/api/profile/picture", "/api/community",
            }));
            Assert.That(document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
            Assert.That(paths["/api/profile/upload-picture"]!["post"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key), Does.Contain("multipart/form-data"));
            Assert.That(paths["/api/profile/upload-picture"]!["post"]!["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "400", "401", "413", "415", "429", "500", "503" }));
            Assert.That(paths["/api/auth/login"]!["post"]!["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "400", "401", "429", "503" }));
            // Errors are documented as what the API sends, and only operations that need a token ask for one.
            Assert.That(paths["/api/profile/update"]!["put"]!["responses"]!["400"]!["content"]!.AsObject().Select(c => c.Key), Is.EqualTo(new[] { "application/problem+json" }));
            Assert.That(paths["/api/profile"]!["get"]!["security"]?.ToJsonString(), Does.Contain("\"bearer\""));
            Assert.That(paths["/api/auth/register"]!["post"]!["security"], Is.Null);
        });
    }
}
