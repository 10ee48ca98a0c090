using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.GetProfile;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Options;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class GetProfileHandlerTests
{
    private static readonly Guid UserId = TestData.UserId;

    private Mock<IProfileRepository> profiles = null!;
    private Mock<IObjectStorage> storage = null!;
    private PicturesOptions options = null!;
    private UserProfile profile = null!;

    [SetUp]
    public void SetUp()
    {
        profiles = new Mock<IProfileRepository>();
        storage = TestData.Storage();
        options = new PicturesOptions { UrlLifetime = TimeSpan.FromMinutes(30) };
        profile = TestData.Profile(UserId);
        profile.ChangeHeadline("Headline", TestData.Earlier);
        profile.ChangeBio("Bio", TestData.Earlier);
        profile.ChangeGraduationYear(1999, TestData.Earlier);
        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync(profile);
    }

    [Test]
    public async Task Handle_ExistingProfile_MapsEveryField()
    {
        // Act
        var result = await Handle();

        // Assert
        Assert.That(
            result,
            Is.EqualTo(new ProfileDto(UserId, "Ada Lovelace", "Headline", "Bio", 1999, null, null, TestData.Earlier)));
    }

    [Test]
    public async Task Handle_PictureKey_ReturnsASignedUrlFromStorage()
    {
        // Arrange
        var key = TestData.Key(UserId);
        profile.AttachPicture(key, TestData.Earlier);

        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(key.Value).AbsoluteUri));
        storage.Verify(s => s.GetReadUrlAsync(key.Value, options.UrlLifetime, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task Handle_StoredKeyLoadedFromTheDatabase_ReturnsASignedUrl()
    {
        // Arrange
        var key = TestData.Key(UserId);
        TestData.SetStoredPicture(profile, key.Value);

        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(key.Value).AbsoluteUri));
    }

    [TestCase("https://cdn.example.com/a.jpg")]
    [TestCase("https://cdn.example.com/pictures/a%20b.jpg?v=2")]
    public async Task Handle_LegacyHttpsUrl_PassesItThroughAsStored(string stored)
    {
        // Arrange
        TestData.SetStoredPicture(profile, stored);

        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.EqualTo(stored));
        storage.Verify(s => s.GetReadUrlAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [TestCase("http://cdn.example.com/a.jpg")]
    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("//evil.example/x")]
    [TestCase("https://user:pass@evil.example/")]
    [TestCase(" https://cdn.example.com/a.jpg")]
    [TestCase("HTTPS:\t//evil.example/x")]
    [TestCase("https:/\\evil.example/x")]
    [TestCase("/uploads/a.jpg")]
    [TestCase("a.jpg")]
    [TestCase("profile-pictures/../../etc/passwd")]
    [TestCase("")]
    public async Task Handle_UnsafeLegacyValue_ReturnsNoUrl(string stored)
    {
        // Arrange
        TestData.SetStoredPicture(profile, stored);

        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.Null);
        storage.Verify(s => s.GetReadUrlAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [TestCase("https://cdn.example.com/a.jpg")]
    [TestCase("https://CDN.Example.COM/a.jpg")]
    [TestCase("https://legacy.example.org/a.jpg")]
    public async Task Handle_LegacyUrlOnAnAllowedHost_PassesItThrough(string stored)
    {
        // Arrange
        options.LegacyUrlHosts = ["cdn.example.com", "LEGACY.example.org"];
        TestData.SetStoredPicture(profile, stored);

        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.EqualTo(stored));
    }

    [TestCase("https://evil.example/a.jpg")]
    [TestCase("https://cdn.example.com.evil.example/a.jpg")]
    [TestCase("https://evil.example/cdn.example.com/a.jpg")]
    [TestCase("https://sub.cdn.example.com/a.jpg")]
    [TestCase("https://example.com/a.jpg")]
    [TestCase("https://evil.example\\@cdn.example.com/a.jpg")]
    public async Task Handle_LegacyUrlOnAnotherHost_ReturnsNoUrlWhenHostsAreRestricted(string stored)
    {
        // Arrange
        options.LegacyUrlHosts = ["cdn.example.com"];
        TestData.SetStoredPicture(profile, stored);

        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.Null);
    }

    [Test]
    public async Task Handle_NoPicture_ReturnsNoUrlAndNeverAsksStorage()
    {
        // Act
        var result = await Handle();

        // Assert
        Assert.That(result.ProfilePictureUrl, Is.Null);
        Assert.That(storage.Invocations, Is.Empty);
    }

    [Test]
    public async Task Handle_MissingProfile_ThrowsNotFound()
    {
        // Arrange
        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync((UserProfile?)null);

        // Act & Assert
        await Assert.ThatAsync(async () => await Handle(), Fails.With(ErrorKind.NotFound));
    }

    private async Task<ProfileDto> Handle()
    {
        var handler = new GetProfileHandler(profiles.Object, new ProfileViews(storage.Object, Options.Create(options)));
        return await handler.Handle(new GetProfileQuery(UserId), CancellationToken.None);
    }
}
