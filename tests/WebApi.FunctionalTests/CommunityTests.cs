using System.Net;
using System.Text.Json.Nodes;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class CommunityTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task List_PagesThroughEveryoneInNameThenIdOrder()
    {
        var client = await NewUserAsync("Zed");
        foreach (var name in new[] { "Mia", "Ann", "Bob", "Ann", "Cy", "Mia", "Eve" })
        {
            await NewUserAsync(name);
        }

        var seen = new List<(string Name, string Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var response = await client.GetAsync($"/api/community?limit=3{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await response.ReadJsonAsync();
            var alumni = page["alumni"]!.AsArray();
            Assert.That(alumni, Has.Count.LessThanOrEqualTo(3));
            seen.AddRange(alumni.Select(a => (a!["name"]!.GetValue<string>(), a["user_id"]!.GetValue<string>())));
            cursor = page["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 20);

        var everyone = AllProfiles();
        Assert.That(seen.Select(s => s.Id), Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(everyone), "every profile exactly once");
        Assert.That(seen.Select(s => s.Name), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        for (var i = 1; i < seen.Count; i++)
        {
            if (seen[i].Name == seen[i - 1].Name)
            {
                Assert.That(Guid.Parse(seen[i].Id), Is.Not.EqualTo(Guid.Parse(seen[i - 1].Id)));
            }
        }
    }

    [Test]
    public async Task List_ShowsOnlyPublicFieldsAndSignedPictures()
    {
        var client = await NewUserAsync("Public Person");
        var uploaded = await client.UploadOkAsync(TestImages.Png());
        var key = uploaded["s3Key"]!.GetValue<string>();
        var stored = await NewBrowser().GetByteArrayAsync(uploaded["url"]!.GetValue<string>());
        (await client.UpdateProfileAsync(new { profile_picture_url = key })).Dispose();

        using var response = await client.GetAsync("/api/community?limit=100");

        var me = (await response.ReadJsonAsync())["alumni"]!.AsArray()
            .Single(a => a!["name"]!.GetValue<string>() == "Public Person")!.AsObject();
        Assert.That(me.Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "user_id", "name", "headline", "bio", "graduation_year", "profile_picture_url", "profile_picture_thumbnail_url", "updated_at",
        }));
        var url = me["profile_picture_url"]!.GetValue<string>();
        Assert.That(url, Does.StartWith("http"));
        Assert.That(await NewBrowser().GetByteArrayAsync(url), Is.EqualTo(stored));
        var thumbnail = Decoded.From(await NewBrowser().GetByteArrayAsync(me["profile_picture_thumbnail_url"]!.GetValue<string>()));
        Assert.That((thumbnail.Width, thumbnail.Height), Is.EqualTo((256, 256)));
    }

    [Test]
    public async Task List_WithoutLimit_ReturnsAtMost24()
    {
        var client = await NewUserAsync();
        var missing = 25 - AllProfiles();
        for (var i = 0; i < missing; i++)
        {
            await NewUserAsync($"Filler {i:D2}");
        }

        using var response = await client.GetAsync("/api/community");

        var page = await response.ReadJsonAsync();
        Assert.That(page["alumni"]!.AsArray(), Has.Count.EqualTo(24));
        Assert.That(page["next_cursor"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("limit=-5", "limit")]
    [TestCase("limit=abc", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("cursor=eyJOIjoiIiwiSSI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJ9", "cursor")]
    public async Task List_WithBadQuery_Returns400NamingTheParameter(string query, string field)
    {
        var client = await NewUserAsync();

        using var response = await client.GetAsync($"/api/community?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    private int AllProfiles()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Factory.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Infrastructure.Persistence.ProfilesDbContext>(scope.ServiceProvider);
        return db.Profiles.Count();
    }
}
