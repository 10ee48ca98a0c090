using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Community.ListCommunity;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Options;
using Moq;

namespace CleanProfiles.Application.UnitTests.Community;

public sealed class ListCommunityHandlerTests
{
    private Mock<IProfileRepository> profiles = null!;
    private Mock<IObjectStorage> storage = null!;

    [SetUp]
    public void SetUp()
    {
        profiles = new Mock<IProfileRepository>();
        storage = TestData.Storage();
    }

    [Test]
    public async Task Handle_MoreRowsThanTheLimit_ReturnsLimitItemsAndACursorToTheLastOne()
    {
        // Arrange
        var rows = Profiles("Ada", "Bea", "Cy", "Dee");
        GivenRows(null, 4, rows);

        // Act
        var page = await Handle(new ListCommunityQuery(Limit: 3));

        // Assert
        var decoded = CommunityCursor.TryDecode(page.NextCursor!, out var position);
        Assert.Multiple(() =>
        {
            Assert.That(page.Alumni.Select(a => a.Name), Is.EqualTo(new[] { "Ada", "Bea", "Cy" }));
            Assert.That(page.Alumni.Select(a => a.UserId), Is.EqualTo(rows.Take(3).Select(r => r.UserId)));
            Assert.That(decoded, Is.True);
            Assert.That(position, Is.EqualTo(new CommunityPosition("Cy", rows[2].UserId)));
        });
        profiles.Verify(p => p.ListAsync(null, 4, It.IsAny<CancellationToken>()), Times.Once());
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Handle_AtMostLimitRows_ReturnsThemWithoutACursor(int count)
    {
        // Arrange
        var rows = Profiles("Ada", "Bea", "Cy").Take(count).ToList();
        GivenRows(null, 4, rows);

        // Act
        var page = await Handle(new ListCommunityQuery(Limit: 3));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(page.Alumni, Has.Count.EqualTo(count));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task Handle_Cursor_PassesTheDecodedPositionAsAfter()
    {
        // Arrange
        var after = new CommunityPosition("Mia Müller", Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a99"));
        var rows = Profiles("Noa", "Oli");
        GivenRows(after, 2, rows);

        // Act
        var page = await Handle(new ListCommunityQuery(Limit: 1, Cursor: CommunityCursor.Encode(after)));

        // Assert
        Assert.That(page.Alumni.Select(a => a.Name), Is.EqualTo(new[] { "Noa" }));
        profiles.Verify(p => p.ListAsync(after, 2, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task Handle_DefaultQuery_AsksForTheDefaultLimitPlusOne()
    {
        // Arrange
        GivenRows(null, ListCommunityQuery.DefaultLimit + 1, []);

        // Act
        var page = await Handle(new ListCommunityQuery());

        // Assert
        Assert.That(page.Alumni, Is.Empty);
        profiles.Verify(p => p.ListAsync(null, ListCommunityQuery.DefaultLimit + 1, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task Handle_ProfileWithPictureKey_ShowsASignedUrl()
    {
        // Arrange
        var rows = Profiles("Ada");
        var key = TestData.Key(rows[0].UserId);
        rows[0].AttachPicture(key, TestData.Earlier);
        GivenRows(null, 11, rows);

        // Act
        var page = await Handle(new ListCommunityQuery(Limit: 10));

        // Assert
        Assert.That(page.Alumni[0].ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(key.Value).AbsoluteUri));
    }

    [Test]
    public async Task Handle_FollowingTheCursor_ContinuesAfterTheLastItem()
    {
        // Arrange: two pages over the same rows.
        var rows = Profiles("Ada", "Bea", "Cy");
        GivenRows(null, 3, rows);
        var first = await Handle(new ListCommunityQuery(Limit: 2));
        var expectedAfter = new CommunityPosition("Bea", rows[1].UserId);
        GivenRows(expectedAfter, 3, rows.Skip(2).ToList());

        // Act
        var second = await Handle(new ListCommunityQuery(Limit: 2, Cursor: first.NextCursor));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second.Alumni.Select(a => a.Name), Is.EqualTo(new[] { "Cy" }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [TestCase("not a cursor")]
    [TestCase("!!!!")]
    [TestCase("eyJOIjoiQWRhIn0")]
    [TestCase("")]
    public async Task Handle_GarbageCursor_IsRefusedOnCursorBeforeAnyQuery(string cursor)
    {
        // Act
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Handle(new ListCommunityQuery(Cursor: cursor)));

        // Assert
        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { nameof(ListCommunityQuery.Cursor) }));
        profiles.Verify(p => p.ListAsync(It.IsAny<CommunityPosition?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    private void GivenRows(CommunityPosition? after, int count, IReadOnlyList<UserProfile> rows) =>
        profiles.Setup(p => p.ListAsync(after, count, It.IsAny<CancellationToken>())).ReturnsAsync(rows);

    private async Task<CommunityPageDto> Handle(ListCommunityQuery query)
    {
        var handler = new ListCommunityHandler(profiles.Object, new ProfileViews(storage.Object, Options.Create(new PicturesOptions())));
        return await handler.Handle(query, CancellationToken.None);
    }

    private static List<UserProfile> Profiles(params string[] names) =>
        names.Select(n => TestData.Profile(Guid.NewGuid(), n)).ToList();
}
