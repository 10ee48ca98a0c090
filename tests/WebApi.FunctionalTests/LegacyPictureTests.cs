using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Rows written before keys existed hold full URLs; only plain https ones are ever shown.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class LegacyPictureTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task GetProfile_WithLegacyHttpsUrl_PassesItThrough()
    {
        var client = await NewUserAsync();
        await SetStoredPictureAsync(client, "https://cdn.example.com/old/avatar.jpg");

        var profile = await client.GetProfileAsync();

        Assert.That(profile["profile_picture_url"]!.GetValue<string>(), Is.EqualTo("https://cdn.example.com/old/avatar.jpg"));
    }

    [TestCase("http://cdn.example.com/old/avatar.jpg")]
    [TestCase("javascript:alert(document.cookie)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("//evil.example/a.png")]
    [TestCase("https://user:pass@evil.example/a.png")]
    [TestCase("profile-pictures/not-a-key.png")]
    public async Task GetProfileAndCommunity_WithUnsafeLegacyValue_ShowNull(string stored)
    {
        var client = await NewUserAsync("Legacy Person");
        await SetStoredPictureAsync(client, stored);

        var profile = await client.GetProfileAsync();
        using var community = await client.GetAsync("/api/community?limit=100");
        var listed = (await community.ReadJsonAsync())["alumni"]!.AsArray()
            .Single(a => a!["user_id"]!.GetValue<string>() == profile["user_id"]!.GetValue<string>())!;

        Assert.That(profile["profile_picture_url"], Is.Null);
        Assert.That(listed["profile_picture_url"], Is.Null);
    }

    private async Task SetStoredPictureAsync(HttpClient client, string stored)
    {
        var userId = Guid.Parse((await client.GetProfileAsync())["user_id"]!.GetValue<string>());
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProfilesDbContext>();
        var updated = await db.Database.ExecuteSqlAsync($"UPDATE user_profiles SET profile_picture_url = {stored} WHERE user_id = {userId}");
        Assert.That(updated, Is.EqualTo(1));
    }
}
