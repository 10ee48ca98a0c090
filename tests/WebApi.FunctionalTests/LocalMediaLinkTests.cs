using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Where the local-disk store's links point: the configured public address, else the address the browser used.</summary>
public sealed class LocalMediaLinkTests
{
    [Test]
    public async Task Upload_WithoutAConfiguredBaseUrl_LinksPointAtTheHostTheRequestCameTo()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded);
        using var client = factory.CreateClient();
        client.WithToken(await client.RegisterAsync());
        client.DefaultRequestHeaders.Host = "photos.example.org:8443";

        var body = await client.UploadOkAsync(TestImages.Png());

        Assert.That(body["url"]!.GetValue<string>(), Does.StartWith("http://photos.example.org:8443/media/profile-pictures/"));
        Assert.That(body["thumbnail_url"]!.GetValue<string>(), Does.StartWith("http://photos.example.org:8443/media/profile-pictures/"));
    }

    [Test]
    public async Task Upload_WithAConfiguredBaseUrl_LinksPointThereWhateverTheHost()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?>
        {
            ["Storage:LocalDisk:PublicBaseUrl"] = "https://api.example.com/profiles",
        });
        using var client = factory.CreateClient();
        client.WithToken(await client.RegisterAsync());
        client.DefaultRequestHeaders.Host = "internal-node-7:8080";

        var body = await client.UploadOkAsync(TestImages.Png());
        using var profile = await client.UpdateProfileAsync(new { profile_picture_url = body["s3Key"]!.GetValue<string>() });

        Assert.That(body["url"]!.GetValue<string>(), Does.StartWith("https://api.example.com/profiles/media/profile-pictures/"));
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            (await profile.ReadJsonAsync())["profile"]!["profile_picture_url"]!.GetValue<string>(),
            Does.StartWith("https://api.example.com/profiles/media/profile-pictures/"));
    }
}
