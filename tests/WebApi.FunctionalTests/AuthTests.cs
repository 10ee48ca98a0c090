using System.Net;
using System.Net.Http.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class AuthTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task Register_WithValidInput_Returns201WithBearerToken()
    {
        using var response = await NewClient().PostAsJsonAsync("/api/auth/register", new
        {
            email = $"new-{Guid.NewGuid():N}@example.com",
            password = "long enough",
            name = "New User",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body["access_token"]!.GetValue<string>().Split('.'), Has.Length.EqualTo(3));
            Assert.That(body["token_type"]!.GetValue<string>(), Is.EqualTo("Bearer"));
            Assert.That(body["expires_in"]!.GetValue<int>(), Is.EqualTo(3600));
        });
    }

    [Test]
    public async Task Register_CreatesTheProfileWithItsName()
    {
        var client = NewClient();
        client.WithToken(await client.RegisterAsync(name: "  Katherine Johnson  "));

        var profile = await client.GetProfileAsync();

        Assert.That(profile["name"]!.GetValue<string>(), Is.EqualTo("Katherine Johnson"));
        Assert.That(profile["profile_picture_url"], Is.Null);
    }

    [Test]
    public async Task Register_WithSameEmailInOtherCase_Returns409()
    {
        var email = $"Dup-{Guid.NewGuid():N}@Example.com";
        await NewClient().RegisterAsync(email);

        using var response = await NewClient().PostAsJsonAsync("/api/auth/register", new { email = email.ToUpperInvariant(), password = "long enough", name = "Other" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("not-an-email", "long enough", "Name", "email")]
    [TestCase("a@b", "long enough", "Name", "email")]
    [TestCase("", "long enough", "Name", "email")]
    [TestCase("ok@example.com", "short", "Name", "password")]
    [TestCase("ok@example.com", "long enough", "", "name")]
    [TestCase("ok@example.com", "long enough", "   ", "name")]
    public async Task Register_WithInvalidField_Returns400NamingIt(string email, string password, string name, string field)
    {
        using var response = await NewClient().PostAsJsonAsync("/api/auth/register", new { email, password, name });

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task Register_WithNameOver100Characters_Returns400()
    {
        using var response = await NewClient().PostAsJsonAsync("/api/auth/register", new { email = "long@example.com", password = "long enough", name = new string('n', 101) });

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Test]
    public async Task Register_WithMissingBody_Returns400Problem()
    {
        using var response = await NewClient().PostAsync("/api/auth/register", new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Login_WithRightCredentials_Returns200AndAWorkingToken()
    {
        var email = $"login-{Guid.NewGuid():N}@example.com";
        await NewClient().RegisterAsync(email, password: "the password");

        using var response = await NewClient().PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = "the password" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = (await response.ReadJsonAsync())["access_token"]!.GetValue<string>();
        var profile = await NewClient().WithToken(token).GetProfileAsync();
        Assert.That(profile["name"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Login_WithWrongPasswordOrUnknownEmail_Returns401WithoutSayingWhich()
    {
        var email = $"who-{Guid.NewGuid():N}@example.com";
        await NewClient().RegisterAsync(email, password: "the password");

        using var wrongPassword = await NewClient().PostAsJsonAsync("/api/auth/login", new { email, password = "not the password" });
        using var unknownEmail = await NewClient().PostAsJsonAsync("/api/auth/login", new { email = "nobody-" + email, password = "the password" });

        var first = await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownEmail.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(first["detail"]!.GetValue<string>(), Is.EqualTo(second["detail"]!.GetValue<string>()));
    }

    [TestCase("/api/profile", "GET")]
    [TestCase("/api/profile/update", "PUT")]
    [TestCase("/api/profile/upload-picture", "POST")]
    [TestCase("/api/profile/picture", "DELETE")]
    [TestCase("/api/community", "GET")]
    public async Task ProtectedRoute_WithoutToken_Returns401Problem(string path, string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await NewClient().SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task ProtectedRoute_WithGarbageToken_Returns401Problem()
    {
        using var response = await NewClient().WithToken("not.a.token").GetAsync("/api/profile");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
