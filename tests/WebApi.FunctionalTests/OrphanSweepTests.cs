using System.Net;
using System.Net.Http.Json;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Nothing is orphaned: uploads never attached are deleted after a day; attached pictures never are.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class OrphanSweepTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task Sweep_DeletesOldUnattachedUploadsAndKeepsAttachedPictures()
    {
        var email = $"sweep-{Guid.NewGuid():N}@example.com";
        var client = NewClient();
        client.WithToken(await client.RegisterAsync(email, password: "sweep password"));
        var attached = await client.UploadOkAsync(TestImages.Png(red: 1));
        (await client.UpdateProfileAsync(new { profile_picture_url = attached["s3Key"]!.GetValue<string>() })).Dispose();
        var abandoned = await client.UploadOkAsync(TestImages.Png(red: 2));
        var before = await Factory.SnapshotAsync();

        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using (var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "sweep password" }))
        {
            client.WithToken((await login.ReadJsonAsync())["access_token"]!.GetValue<string>());
        }

        var fresh = await client.UploadOkAsync(TestImages.Png(red: 3));
        var removed = await SweepAsync();

        var after = await Factory.SnapshotAsync();
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.GreaterThanOrEqualTo(1));
            Assert.That(after.UploadRows, Is.EqualTo(before.UploadRows + 1 - removed), "the abandoned upload's record is gone, the fresh one stays");
            Assert.That(after.Objects, Is.EqualTo(before.Objects + 2 - (2 * removed)), "picture and thumbnail of each swept upload are gone");
        });
        await AssertServesAsync(attached["url"]!.GetValue<string>(), HttpStatusCode.OK);
        await AssertServesAsync(fresh["url"]!.GetValue<string>(), HttpStatusCode.OK);
        await AssertGoneAsync(abandoned["url"]!.GetValue<string>());
        await AssertGoneAsync(abandoned["thumbnail_url"]!.GetValue<string>());

        using var attachSwept = await client.UpdateProfileAsync(new { profile_picture_url = abandoned["s3Key"]!.GetValue<string>() });
        await attachSwept.ShouldBeValidationProblemAsync("profile_picture_url");
        Assert.That((await client.GetProfileAsync())["profile_picture_url"]!.GetValue<string>(), Is.Not.Empty, "the attached picture is untouched");
    }

    [Test]
    public async Task Sweep_BeforeTheLifetimePassed_DeletesNothing()
    {
        var client = await NewUserAsync();
        await client.UploadOkAsync(TestImages.Png());
        var before = await Factory.SnapshotAsync();

        await SweepAsync();

        Assert.That(await Factory.SnapshotAsync(), Is.EqualTo(before));
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepOrphanedUploadsCommand());
    }

    private async Task AssertServesAsync(string url, HttpStatusCode status)
    {
        using var response = await NewBrowser().GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(status), url);
    }

    private async Task AssertGoneAsync(string url)
    {
        using var response = await NewBrowser().GetAsync(url);
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden), url);
    }
}
