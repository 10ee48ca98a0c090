using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Swagger UI is a setting (on in Development); the OpenAPI document is served either way.</summary>
public sealed class SwaggerUiTests
{
    [Test]
    public async Task SwaggerUi_WhenEnabled_IsServed()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["SwaggerUi:Enabled"] = "true" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }

    [Test]
    public async Task SwaggerUi_ByDefault_IsNotServedButTheDocumentIs()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded);
        using var client = factory.CreateClient();

        using var ui = await client.GetAsync("/swagger/index.html");
        using var document = await client.GetAsync("/swagger/v1/swagger.json");

        await ui.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await document.ReadJsonAsync())["openapi"]?.GetValue<string>(), Does.StartWith("3."));
    }

    [Test]
    public async Task SwaggerUi_InDevelopment_IsOnWithoutASetting()
    {
        // The shipped appsettings.Development.json turns it on; the test host runs the app from the project's content root.
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, environment: "Development");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
