using System.Web;
using CleanProfiles.Application.Common;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Infrastructure.IntegrationTests.Storage;

/// <summary>The embedded store: files under a root folder in a temporary content root, read through signed /media URLs.</summary>
public sealed class LocalDiskObjectStorageTests
{
    private const string SigningKey = "integration-tests-media-signing-key-0123456789";
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly Uri LinkBase = new("https://api.example.test/base/media/");

    private string contentRoot = null!;
    private string root = null!;
    private FakeTimeProvider clock = null!;
    private MediaUrlSigner signer = null!;
    private LocalDiskObjectStorage storage = null!;

    [SetUp]
    public void CreateStore()
    {
        contentRoot = Directory.CreateTempSubdirectory("cleanprofiles-it-disk-").FullName;
        root = Path.Combine(contentRoot, "media");
        clock = new FakeTimeProvider(Start);
        var options = Microsoft.Extensions.Options.Options.Create(new LocalDiskStorageOptions
        {
            RootPath = "media",
            SigningKey = SigningKey,
        });
        signer = new MediaUrlSigner(options, clock);
        storage = new LocalDiskObjectStorage(
            options, new FakeHostEnvironment(contentRoot), signer, new MediaLinkBase(LinkBase),
            Microsoft.Extensions.Options.Options.Create(new PicturesOptions()), clock);
    }

    [TearDown]
    public void DeleteContentRoot()
    {
        if (contentRoot is not null && Directory.Exists(contentRoot))
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Test]
    public async Task PutAsync_ThenOpenRead_ReturnsIdenticalBytesAndTheContentType([Values] bool seekable)
    {
        // Arrange
        var payload = Bytes.Random(300_000);
        var key = NewKey("png");
        await using Stream input = seekable ? new MemoryStream(payload) : new NonSeekableStream(payload);

        // Act
        await storage.PutAsync(key, input, "image/png", CancellationToken.None);

        // Assert
        var stored = storage.OpenRead(key);
        Assert.That(stored, Is.Not.Null);
        await using var content = stored!.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(payload));
        Assert.That(stored.ContentType, Is.EqualTo("image/png"));
        Assert.That(File.Exists(Path.Combine(root, key)), Is.True, "stored under the root folder");
    }

    [Test]
    public async Task ExistsAsync_BeforeAndAfterPut_FollowsTheObject()
    {
        // Arrange
        var key = NewKey("gif");
        var before = await storage.ExistsAsync(key, CancellationToken.None);

        // Act
        await storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/gif", CancellationToken.None);

        // Assert
        Assert.That(before, Is.False);
        Assert.That(await storage.ExistsAsync(key, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task DeleteAsync_StoredKey_RemovesTheObject()
    {
        // Arrange
        var key = NewKey("jpg");
        await storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/jpeg", CancellationToken.None);

        // Act
        await storage.DeleteAsync(key, CancellationToken.None);

        // Assert
        Assert.That(await storage.ExistsAsync(key, CancellationToken.None), Is.False);
        Assert.That(storage.OpenRead(key), Is.Null);
        Assert.That(Directory.GetFiles(root, "*", SearchOption.AllDirectories), Is.Empty, "no file of the object is left");
    }

    [Test]
    public void DeleteAsync_MissingKey_DoesNotThrow()
    {
        // Arrange: nothing was ever stored for this user, so not even the key's folder exists.
        var key = NewKey("png");

        // Act / Assert
        Assert.That(async () => await storage.DeleteAsync(key, CancellationToken.None), Throws.Nothing);
    }

    [Test]
    public async Task DeleteAsync_MissingKeyInAFolderThatExists_DoesNotThrow()
    {
        // Arrange
        var stored = NewKey("png");
        await storage.PutAsync(stored, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None);
        var missing = stored.Replace("abcdefghijklmnop", "qrstuvwxyz234567", StringComparison.Ordinal);

        // Act / Assert
        Assert.That(async () => await storage.DeleteAsync(missing, CancellationToken.None), Throws.Nothing);
        Assert.That(await storage.ExistsAsync(stored, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task PutAsync_KeyAlreadyStored_ThrowsAndKeepsTheFirstObjectIntact()
    {
        // Arrange
        var key = NewKey("png");
        var first = Bytes.Random(5000);
        await storage.PutAsync(key, new MemoryStream(first), "image/png", CancellationToken.None);

        // Act
        Assert.That(
            async () => await storage.PutAsync(key, new MemoryStream(Bytes.Random(7000)), "image/jpeg", CancellationToken.None),
            Throws.Exception);

        // Assert
        var stored = storage.OpenRead(key);
        Assert.That(stored, Is.Not.Null);
        await using var content = stored!.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Multiple(() =>
        {
            Assert.That(copy.ToArray(), Is.EqualTo(first), "bytes of the first put");
            Assert.That(stored.ContentType, Is.EqualTo("image/png"), "content type of the first put");
        });
    }

    [Test]
    public async Task PutAsync_KeyAlreadyStored_LeavesNoTemporaryFiles()
    {
        // Arrange
        var key = NewKey("png");
        await storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);

        // Act
        Assert.That(
            async () => await storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None),
            Throws.Exception);

        // Assert
        Assert.That(Directory.GetFiles(root, "*", SearchOption.AllDirectories), Is.EquivalentTo(files));
    }

    [TestCase("../outside.png")]
    [TestCase("a/../../outside.png")]
    [TestCase("profile-pictures/../../outside.png")]
    [TestCase("..")]
    [TestCase(".")]
    [TestCase("a/./b.png")]
    [TestCase("a/../b.png")]
    [TestCase("/outside.png")]
    [TestCase("..\\outside.png")]
    [TestCase("a\\..\\..\\outside.png")]
    [TestCase("a\\b.png")]
    [TestCase("a//b.png")]
    [TestCase("/a/b.png")]
    [TestCase("a/b/")]
    [TestCase("")]
    [TestCase("%2e%2e/outside.png")]
    [TestCase("a/b.png\0.txt")]
    public async Task PutAsync_KeyThatCouldLeaveTheRoot_IsRefusedAndExistsIsFalse(string key)
    {
        // Arrange: a file just outside the root, where a traversing key would land.
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "outside.png"), "secret");
        var before = Directory.GetFileSystemEntries(contentRoot, "*", SearchOption.AllDirectories);

        // Act / Assert
        Assert.That(
            async () => await storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None),
            Throws.InstanceOf<ArgumentException>());
        Assert.That(await storage.ExistsAsync(key, CancellationToken.None), Is.False);
        Assert.That(storage.OpenRead(key), Is.Null);
        Assert.That(Directory.GetFileSystemEntries(contentRoot, "*", SearchOption.AllDirectories), Is.EquivalentTo(before));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(contentRoot, "outside.png")), Is.EqualTo("secret"));
    }

    [Test]
    public async Task PutAsync_AbsolutePathOfAnExistingFile_IsRefusedAndExistsIsFalse()
    {
        // Arrange
        var outside = Path.Combine(contentRoot, "outside.png");
        await File.WriteAllTextAsync(outside, "secret");

        // Act / Assert
        Assert.That(Path.IsPathRooted(outside), Is.True);
        Assert.That(
            async () => await storage.PutAsync(outside, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None),
            Throws.InstanceOf<ArgumentException>());
        Assert.That(await storage.ExistsAsync(outside, CancellationToken.None), Is.False);
        Assert.That(await File.ReadAllTextAsync(outside), Is.EqualTo("secret"));
    }

    [Test]
    public async Task DeleteAsync_KeyThatCouldLeaveTheRoot_DeletesNothing()
    {
        // Arrange
        var outside = Path.Combine(contentRoot, "outside.png");
        await File.WriteAllTextAsync(outside, "secret");

        // Act
        await storage.DeleteAsync("../outside.png", CancellationToken.None);
        await storage.DeleteAsync(outside, CancellationToken.None);

        // Assert
        Assert.That(File.Exists(outside), Is.True);
    }

    [Test]
    public async Task GetReadUrlAsync_WithinTheSameHour_ReturnsTheSameUrl()
    {
        // Arrange
        var key = NewKey("png");
        var first = (await storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None));

        // Act
        var urls = new List<Uri>();
        foreach (var later in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59) })
        {
            clock.SetUtcNow(Start + later);
            urls.Add((await storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None)).Url);
        }

        clock.SetUtcNow(Start + TimeSpan.FromHours(1));
        var nextHour = (await storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None));

        // Assert
        Assert.That(urls, Has.All.EqualTo(first.Url));
        Assert.That(nextHour.Url, Is.Not.EqualTo(first.Url));
        Assert.That(nextHour.ExpiresAt, Is.EqualTo(first.ExpiresAt + TimeSpan.FromHours(1)));
    }

    [Test]
    public async Task GetReadUrlAsync_ConfiguredWindow_ExpiresAtTheWindowsStartPlusTheLifetime()
    {
        // Arrange: ten-minute windows; 12:07:13 lies in the one that starts at 12:00:00 (counted from the Unix epoch).
        var pictures = new PicturesOptions { UrlReuseWindow = TimeSpan.FromMinutes(10), UrlLifetime = TimeSpan.FromHours(1) };
        var tenMinutes = new LocalDiskObjectStorage(
            Microsoft.Extensions.Options.Options.Create(new LocalDiskStorageOptions { RootPath = "media", SigningKey = SigningKey }),
            new FakeHostEnvironment(contentRoot), signer, new MediaLinkBase(LinkBase), Microsoft.Extensions.Options.Options.Create(pictures), clock);
        var key = NewKey("png");
        clock.SetUtcNow(Start.AddHours(2).AddMinutes(7).AddSeconds(13));

        // Act
        var url = await tenMinutes.GetReadUrlAsync(key, pictures.UrlLifetime, CancellationToken.None);
        clock.SetUtcNow(Start.AddHours(2).AddMinutes(9).AddSeconds(59));
        var sameWindow = await tenMinutes.GetReadUrlAsync(key, pictures.UrlLifetime, CancellationToken.None);
        clock.SetUtcNow(Start.AddHours(2).AddMinutes(10));
        var nextWindow = await tenMinutes.GetReadUrlAsync(key, pictures.UrlLifetime, CancellationToken.None);

        // Assert
        Assert.That(url.ExpiresAt, Is.EqualTo(Start.AddHours(3)));
        Assert.That(sameWindow, Is.EqualTo(url));
        Assert.That(nextWindow.ExpiresAt, Is.EqualTo(Start.AddHours(3).AddMinutes(10)));
    }

    [TestCase(2 * 60, 0)]
    [TestCase(2 * 60, 59)]
    [TestCase(24 * 60, 17)]
    [TestCase(7 * 24 * 60, 0)]
    [TestCase(7 * 24 * 60, 1)]
    [TestCase(7 * 24 * 60, 59)]
    public async Task GetReadUrlAsync_LifetimeOfAtLeastTwoHours_ExpiresBetweenLifetimeLessAnHourAndLifetime(int lifetimeMinutes, int minutesPastTheHour)
    {
        // Arrange
        var now = Start.AddMinutes(minutesPastTheHour).AddSeconds(13);
        clock.SetUtcNow(now);
        var lifetime = TimeSpan.FromMinutes(lifetimeMinutes);

        // Act
        var url = (await storage.GetReadUrlAsync(NewKey("png"), lifetime, CancellationToken.None));

        // Assert
        var left = url.ExpiresAt - now;
        Assert.That(left, Is.GreaterThan(lifetime - TimeSpan.FromHours(1)).And.LessThanOrEqualTo(lifetime));
        Assert.That(url.ExpiresAt.Minute + url.ExpiresAt.Second, Is.Zero, "cut to a whole hour");
    }

    [Test]
    public async Task GetReadUrlAsync_LifetimeAboveSevenDays_IsCutToSevenDays()
    {
        // Act
        var url = (await storage.GetReadUrlAsync(NewKey("png"), TimeSpan.FromDays(30), CancellationToken.None));

        // Assert
        Assert.That(url.ExpiresAt - Start, Is.LessThanOrEqualTo(PicturesOptions.MaxUrlLifetime));
        Assert.That(url.ExpiresAt - Start, Is.GreaterThan(PicturesOptions.MaxUrlLifetime - TimeSpan.FromHours(1)));
    }

    [Test]
    public async Task GetReadUrlAsync_Url_StartsAtTheLinkBaseAndPassesTheSignerCheck()
    {
        // Arrange
        var key = NewKey("png");

        // Act
        var url = (await storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None));

        // Assert
        var query = HttpUtility.ParseQueryString(url.Url.Query);
        Assert.That(url.Url.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(LinkBase, key).AbsoluteUri));
        Assert.That(query["expires"], Is.EqualTo(url.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(signer.Check(key, query["expires"], query["sig"]), Is.EqualTo(MediaSignatureCheck.Valid));
    }

    [Test]
    public async Task CheckReachableAsync_WritableRoot_SucceedsAndLeavesNothingBehind()
    {
        // Act
        await storage.CheckReachableAsync(CancellationToken.None);

        // Assert
        Assert.That(Directory.Exists(root), Is.True);
        Assert.That(Directory.GetFileSystemEntries(root), Is.Empty);
    }

    private static string NewKey(string extension) => $"profile-pictures/{Guid.NewGuid():D}/1767000000000-abcdefghijklmnop.{extension}";
}
