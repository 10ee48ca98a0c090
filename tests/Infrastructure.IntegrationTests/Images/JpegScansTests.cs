using CleanProfiles.Infrastructure.Images;
using CleanProfiles.Tests.Shared;
using NetVips;

namespace CleanProfiles.Infrastructure.IntegrationTests.Images;

public sealed class JpegScansTests
{
    [Test]
    public void Count_BaselineJpeg_IsOne() => Assert.That(JpegScans.Count(Encode(interlace: false), 100), Is.EqualTo(1));

    [Test]
    public void Count_ProgressiveJpegOfLibjpeg_IsItsDefaultScriptOfTen() =>
        Assert.That(JpegScans.Count(Encode(interlace: true), 100), Is.EqualTo(10));

    [Test]
    public void Count_EveryCoefficientInItsOwnScanOneBitAtATime_Is2647()
    {
        var bomb = ProgressiveJpeg.ManyScans(64, 64);

        Assert.That(JpegScans.Count(bomb, stopAfter: 10_000), Is.EqualTo(2647));
    }

    [Test]
    public void Count_PastTheLimit_StopsOnePast() =>
        Assert.That(JpegScans.Count(ProgressiveJpeg.ManyScans(64, 64), stopAfter: 100), Is.EqualTo(101));

    [Test]
    public void Count_ScanDataFullOfStuffedBytesAndRestartMarkers_CountsOnlyRealScans()
    {
        // Noise makes 0xFF 0x00 in the entropy-coded data; restart intervals add 0xFF 0xD0..D7 inside each scan.
        using var noise = Image.Gaussnoise(256, 256, sigma: 80).Cast(Enums.BandFormat.Uchar);
        var jpeg = noise.JpegsaveBuffer(q: 95, interlace: true, restartInterval: 2);

        Assert.That(JpegScans.Count(jpeg, 100), Is.EqualTo(6), "libjpeg's progressive script for one component");
    }

    [Test]
    public void Count_TruncatedInsideAScan_CountsWhatIsThere()
    {
        var jpeg = Encode(interlace: true);

        Assert.That(JpegScans.Count(jpeg.AsSpan(0, jpeg.Length / 2), 100), Is.InRange(1, 9));
    }

    private static byte[] Encode(bool interlace)
    {
        using var x = Image.Xyz(320, 240);
        using var rgb = (x[0] * 0.7).Bandjoin(x[1], 90).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.JpegsaveBuffer(q: 85, interlace: interlace);
    }
}
