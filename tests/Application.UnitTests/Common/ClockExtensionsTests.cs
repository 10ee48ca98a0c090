using CleanProfiles.Application.Common;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Application.UnitTests.Common;

public sealed class ClockExtensionsTests
{
    [Test]
    public void UtcNowMilliseconds_SubMillisecondTicks_CutsThemOff()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 30, 45, 678, TimeSpan.Zero).AddTicks(9999));

        // Act
        var now = clock.UtcNowMilliseconds();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(now, Is.EqualTo(new DateTimeOffset(2025, 6, 15, 12, 30, 45, 678, TimeSpan.Zero)));
            Assert.That(now.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(now.UtcTicks % TimeSpan.TicksPerMillisecond, Is.Zero);
        });
    }
}
