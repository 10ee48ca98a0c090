using System.Net;
using System.Net.Http.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// Every API response (profiles with their signed links, community pages, tokens, and every refusal) is kept out of
/// caches: <c>Cache-Control: no-store</c> and <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class PrivateResponseTests(Backend backend) : ApiFixture(backend)
{
    public static IEnumerable<TestCaseData> Requests() =>
    [
        new TestCaseData("GET /api/profile", HttpStatusCode.OK).SetArgDisplayNames("GET /api/profile"),
        new TestCaseData("GET /api/community", HttpStatusCode.OK).SetArgDisplayNames("GET /api/community"),
        new TestCaseData("GET /api/community?limit=0", HttpStatusCode.BadRequest).SetArgDisplayNames("GET /api/community (400)"),
        new TestCaseData("PUT /api/profile/update", HttpStatusCode.OK).SetArgDisplayNames("PUT /api/profile/update"),
        new TestCaseData("POST /api/profile/upload-picture", HttpStatusCode.OK).SetArgDisplayNames("POST /api/profile/upload-picture"),
        new TestCaseData("DELETE /api/profile/picture", HttpStatusCode.NoContent).SetArgDisplayNames("DELETE /api/profile/picture"),
        new TestCaseData("GET /api/profile anonymous", HttpStatusCode.Unauthorized).SetArgDisplayNames("GET /api/profile (401)"),
        new TestCaseData("GET /api/nothing-here", HttpStatusCode.NotFound).SetArgDisplayNames("GET /api/nothing-here (404)"),
        new TestCaseData("POST /api/auth/login", HttpStatusCode.OK).SetArgDisplayNames("POST /api/auth/login (a token)"),
        new TestCaseData("POST /api/auth/login wrong", HttpStatusCode.Unauthorized).SetArgDisplayNames("POST /api/auth/login (401)"),
    ];

    [TestCaseSource(nameof(Requests))]
    public async Task ApiResponse_IsNoStoreAndNoSniff(string request, HttpStatusCode status)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var client = NewClient();
        client.WithToken(await client.RegisterAsync(email));

        using var response = request switch
        {
            "GET /api/profile anonymous" => await NewClient().GetAsync("/api/profile"),
            "PUT /api/profile/update" => await client.UpdateProfileAsync(new { headline = "Cached nowhere" }),
            "POST /api/profile/upload-picture" => await client.UploadAsync(TestImages.Png(), "a.png", "image/png"),
            "DELETE /api/profile/picture" => await client.DeleteAsync("/api/profile/picture"),
            "POST /api/auth/login" => await NewClient().PostAsJsonAsync("/api/auth/login", new { email, password = "correct horse battery" }),
            "POST /api/auth/login wrong" => await NewClient().PostAsJsonAsync("/api/auth/login", new { email, password = "wrong password" }),
            _ => await client.GetAsync(request.Split(' ')[1]),
        };

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"Cache-Control: {response.Headers.CacheControl}");
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("no-store"));
            Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) ? sniff : [], Is.EqualTo(new[] { "nosniff" }));
        });
    }
}
