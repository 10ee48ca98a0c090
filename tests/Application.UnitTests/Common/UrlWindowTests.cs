using CleanProfiles.Application.Common;

namespace CleanProfiles.Application.UnitTests.Common;

public sealed class UrlWindowTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Test]
    public void At_AnyMomentOfAWindow_GivesTheWindowsStartAsSigningTime()
    {
        // Arrange
        var moments = new[] { Midnight.AddHours(5), Midnight.AddHours(5).AddMinutes(31).AddMilliseconds(999), Midnight.AddHours(6).AddTicks(-1) };

        // Act
        var windows = moments.Select(now => UrlWindow.At(now, Hour, Week)).ToList();

        // Assert
        Assert.That(windows, Has.All.EqualTo(new UrlWindow(Midnight.AddHours(5), Midnight.AddHours(6), Midnight.AddHours(5) + Week)));
    }

    [Test]
    public void At_NextWindow_MovesStartEndAndExpiryByOneWindow()
    {
        // Act
        var first = UrlWindow.At(Midnight.AddMinutes(59).AddSeconds(59), Hour, Week);
        var next = UrlWindow.At(Midnight.AddHours(1), Hour, Week);

        // Assert
        Assert.That(next.Start, Is.EqualTo(first.End));
        Assert.That(next.Expires, Is.EqualTo(first.Expires + Hour));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1_799)]
    [TestCase(3_599)]
    public void At_AnyMoment_StaysValidForAtLeastTheLifetimeLessTheWindow_AndExpiresExactlyLifetimeAfterSigning(int secondsIntoWindow)
    {
        // Arrange
        var now = Midnight.AddHours(9).AddSeconds(secondsIntoWindow).AddMilliseconds(700);

        // Act
        var window = UrlWindow.At(now, Hour, Week);

        // Assert
        Assert.That(window.Expires - now, Is.GreaterThanOrEqualTo(Week - Hour).And.LessThanOrEqualTo(Week));
        Assert.That(window.Lifetime, Is.EqualTo(Week));
    }

    [Test]
    public void At_WindowLongerThanHalfTheLifetime_ShrinksToHalfTheLifetime()
    {
        // Act: a one-hour URL with a (configured) one-hour window would be handed out nearly dead at the window's end.
        var window = UrlWindow.At(Midnight.AddMinutes(45), Hour, Hour);

        // Assert
        Assert.That(window.End - window.Start, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(window.Start, Is.EqualTo(Midnight.AddMinutes(30)));
        Assert.That(window.Expires, Is.EqualTo(Midnight.AddMinutes(90)));
    }

    [Test]
    public void At_CredentialsOutlivingTheUrl_DoNotChangeIt()
    {
        // Act
        var window = UrlWindow.At(Midnight.AddMinutes(10), Hour, Hour * 2, credentialsExpire: Midnight.AddHours(12));

        // Assert
        Assert.That(window, Is.EqualTo(UrlWindow.At(Midnight.AddMinutes(10), Hour, Hour * 2)));
    }

    [Test]
    public void At_CredentialsExpiringBeforeTheUrl_EndsTheUrlWithThemInTheSameWindow()
    {
        // Act: four hours of credentials left from the window's start: a one-hour window still fits twice.
        var window = UrlWindow.At(Midnight.AddMinutes(10), Hour, Week, credentialsExpire: Midnight.AddHours(4));

        // Assert
        Assert.That(window, Is.EqualTo(new UrlWindow(Midnight, Midnight.AddHours(1), Midnight.AddHours(4))));
    }

    [Test]
    public void At_CredentialsExpiringWithinTheWindow_HalveTheWindowUntilItIsHalfOfWhatTheyLeave()
    {
        // Arrange: 40 minutes of credentials from the hour's start: half-hour windows leave too little, 15 minutes fit;
        // from 00:15 they leave 25 minutes, so windows of 7.5 minutes.
        var expire = Midnight.AddMinutes(40);

        // Act
        var early = UrlWindow.At(Midnight.AddMinutes(5), Hour, Week, expire);
        var later = UrlWindow.At(Midnight.AddMinutes(16), Hour, Week, expire);
        var laterAgain = UrlWindow.At(Midnight.AddMinutes(22), Hour, Week, expire);

        // Assert
        Assert.That(early, Is.EqualTo(new UrlWindow(Midnight, Midnight.AddMinutes(15), expire)));
        Assert.That(later, Is.EqualTo(new UrlWindow(Midnight.AddMinutes(15), Midnight.AddMinutes(22.5), expire)));
        Assert.That(laterAgain, Is.EqualTo(later), "the same URL for the rest of the shrunk window");
    }

    [TestCase(1)]
    [TestCase(600)]
    [TestCase(1_799)]
    [TestCase(2_400)]
    [TestCase(3_000)]
    [TestCase(3_300)]
    public void At_CredentialsExpiringWithinTheWindow_StayValidForTheirLifeLessTheShrunkWindow(int secondsIntoHour)
    {
        // Arrange
        var now = Midnight.AddSeconds(secondsIntoHour);
        var expire = Midnight.AddMinutes(59);

        // Act
        var window = UrlWindow.At(now, Hour, Week, expire);

        // Assert
        var shrunk = window.End - window.Start;
        Assert.That(window.Expires, Is.EqualTo(expire));
        Assert.That(window.Start, Is.LessThanOrEqualTo(now));
        Assert.That(window.End, Is.GreaterThan(now));
        Assert.That(shrunk * 2, Is.LessThanOrEqualTo(expire - window.Start));
        Assert.That(window.Expires - now, Is.GreaterThanOrEqualTo(expire - window.Start - shrunk));
    }

    [Test]
    public void At_CredentialsAboutToExpire_StillSignsForTheMinimumLifetime()
    {
        // Arrange
        var now = Midnight.AddMinutes(59).AddSeconds(50);

        // Act
        var window = UrlWindow.At(now, Hour, Week, credentialsExpire: Midnight.AddHours(1));

        // Assert
        Assert.That(window.Lifetime, Is.EqualTo(UrlWindow.MinimumLifetime));
        Assert.That(window.Expires - now, Is.GreaterThan(TimeSpan.FromSeconds(30)));
        Assert.That(window.Start, Is.LessThanOrEqualTo(now));
    }

    [Test]
    public void At_SubSecondClock_WorksInWholeSeconds()
    {
        // Act
        var window = UrlWindow.At(Midnight.AddSeconds(7).AddMilliseconds(999), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // Assert
        Assert.That(window.Start, Is.EqualTo(Midnight.AddSeconds(7)));
        Assert.That(window.Expires, Is.EqualTo(Midnight.AddSeconds(67)));
    }
}
