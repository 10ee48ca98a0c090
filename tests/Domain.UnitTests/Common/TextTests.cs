using CleanProfiles.Domain.Common;

namespace CleanProfiles.Domain.UnitTests.Common;

public sealed class TextTests
{
    [TestCase("\u0000")]
    [TestCase("a\u0001b")]
    [TestCase("\u001F")]
    [TestCase("\u007F")]
    [TestCase("\u0080")]
    [TestCase("\u0085")]
    [TestCase("\u009F")]
    [TestCase("a\tb")]
    [TestCase("a\nb")]
    public void HasControlCharacters_C0OrC1_IsTrue(string value) => Assert.That(Text.HasControlCharacters(value), Is.True);

    [TestCase("a\tb\r\nc")]
    [TestCase("plain")]
    public void HasControlCharacters_TabAndLineBreaksWhenAllowed_IsFalse(string value) =>
        Assert.That(Text.HasControlCharacters(value, allowTabAndLineBreaks: true), Is.False);

    [Test]
    public void HasControlCharacters_NulEvenWhereLineBreaksAreAllowed_IsTrue() =>
        Assert.That(Text.HasControlCharacters("a\n\0", allowTabAndLineBreaks: true), Is.True);

    // Built in code: a lone surrogate in an attribute argument becomes U+FFFD in the assembly's metadata.
    public static IEnumerable<TestCaseData> LoneHalves() =>
        new[] { "\uD800", "a\uDC00", "\uDC00\uD800", "x\uD83D" }.Select((v, i) => new TestCaseData(v).SetArgDisplayNames($"case {i}"));

    [TestCaseSource(nameof(LoneHalves))]
    public void HasUnpairedSurrogates_LoneHalf_IsTrue(string value)
    {
        Assert.That(Text.HasUnpairedSurrogates(value), Is.True);
        Assert.That(Text.IsNotText(value), Is.True);
    }

    [TestCase("\uD83D\uDE00")]
    [TestCase("Zoë 😀 👨‍👩‍👧")]
    public void HasUnpairedSurrogates_Pairs_IsFalse(string value) => Assert.That(Text.HasUnpairedSurrogates(value), Is.False);

    [TestCase("\u202A")]
    [TestCase("\u202B")]
    [TestCase("\u202C")]
    [TestCase("\u202D")]
    [TestCase("abc\u202Edef")]
    [TestCase("\u2066")]
    [TestCase("\u2067")]
    [TestCase("\u2068")]
    [TestCase("\u2069")]
    public void HasDirectionalFormatting_OverridesAndIsolates_IsTrue(string value) =>
        Assert.That(Text.HasDirectionalFormatting(value), Is.True);

    [TestCase("\u200E")]
    [TestCase("\u200F")]
    [TestCase("\u061C")]
    [TestCase("\u2065")]
    [TestCase("\u2029")]
    public void HasDirectionalFormatting_MarksAndNeighbours_IsFalse(string value) =>
        Assert.That(Text.HasDirectionalFormatting(value), Is.False);

    [TestCase("\u200B")]
    [TestCase("\u200C\u200D")]
    [TestCase("\uFEFF")]
    [TestCase("\u061C")]
    [TestCase("\u180E")]
    [TestCase("\u2060\u2061\u2062\u2063\u2064")]
    [TestCase("\u3164")]
    [TestCase("\u115F\u1160")]
    [TestCase("\uFFA0")]
    [TestCase("\u2800")]
    [TestCase("\u0301\u0308")]
    [TestCase("\u20DD")]
    [TestCase("\u00A0\u2003\u3000")]
    [TestCase("\uE000")]
    [TestCase("\U000E0041")]
    [TestCase("")]
    public void HasVisibleCharacter_BlankLooking_IsFalse(string value) => Assert.That(Text.HasVisibleCharacter(value), Is.False);

    [TestCase("A")]
    [TestCase("\u200Bx\u200B")]
    [TestCase("7")]
    [TestCase(".")]
    [TestCase("😀")]
    [TestCase("李")]
    [TestCase("\u0645")]
    [TestCase("e\u0301")]
    public void HasVisibleCharacter_ALetterDigitOrSymbol_IsTrue(string value) => Assert.That(Text.HasVisibleCharacter(value), Is.True);

    [Test]
    public void Normalize_DecomposedAndPadded_IsComposedAndTrimmed() =>
        Assert.That(Text.Normalize("  Jose\u0301 A\u030A "), Is.EqualTo("Jos\u00E9 \u00C5"));
}
