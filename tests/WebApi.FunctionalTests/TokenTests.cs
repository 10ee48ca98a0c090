using System.Net;
using System.Security.Claims;
using System.Text;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Only tokens this API issued, unchanged and unexpired, are accepted.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class TokenTests(Backend backend) : ApiFixture(backend)
{
    private Guid userId;

    [SetUp]
    public async Task RegisterUser()
    {
        var client = await NewUserAsync();
        userId = Guid.Parse((await client.GetProfileAsync())["user_id"]!.GetValue<string>());
    }

    [Test]
    public async Task Token_ForgedWithTheRightKeyAndClaims_IsAccepted()
    {
        // Proves the forging below is faithful: only the one thing each test changes makes it fail.
        using var response = await NewClient().WithToken(Forge()).GetAsync("/api/profile");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_SignedWithAnotherKey_Returns401() =>
        await ShouldBeRefused(Forge(key: "another-key-that-is-long-enough-0123456789"));

    [Test]
    public async Task Token_WithWrongIssuer_Returns401() => await ShouldBeRefused(Forge(issuer: "someone-else"));

    [Test]
    public async Task Token_WithWrongAudience_Returns401() => await ShouldBeRefused(Forge(audience: "another-api"));

    [Test]
    public async Task Token_ExpiredBeyondClockSkew_Returns401() =>
        await ShouldBeRefused(Forge(expires: Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-31), issuedAt: Factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1)));

    [Test]
    public async Task Token_WithoutExpiry_Returns401() => await ShouldBeRefused(Forge(withExpiry: false));

    [Test]
    public async Task Token_WithAlgNone_Returns401()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Forge().Split('.')[1];

        await ShouldBeRefused($"{header}.{payload}.");
    }

    [Test]
    public async Task Token_WithClaimsEditedAfterSigning_Returns401()
    {
        var parts = Forge().Split('.');
        var otherUser = Guid.NewGuid();
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(userId.ToString(), otherUser.ToString(), StringComparison.Ordinal);

        await ShouldBeRefused($"{parts[0]}.{Base64Url(payload)}.{parts[2]}");
    }

    [Test]
    public async Task Token_AfterItExpires_StopsWorking()
    {
        var client = NewClient();
        client.WithToken(await client.RegisterAsync());
        using (var before = await client.GetAsync("/api/profile"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));

        using var after = await client.GetAsync("/api/profile");
        await after.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task ShouldBeRefused(string token)
    {
        using var response = await NewClient().WithToken(token).GetAsync("/api/profile");
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private string Forge(
        string key = ApiFactory.JwtSigningKey,
        string issuer = "CleanProfiles.Tests",
        string audience = "CleanProfiles.Tests",
        DateTime? expires = null,
        DateTime? issuedAt = null,
        bool withExpiry = true)
    {
        var now = issuedAt ?? Factory.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = withExpiry ? expires ?? now.AddMinutes(10) : null,
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Base64Url(string text) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(text);
}
