using System.Globalization;
using System.Text;

namespace CleanProfiles.Domain.Common;

/// <summary>
/// What counts as text in a field a person typed: no C0 or C1 control characters (U+0000–U+001F, U+007F–U+009F) unless
/// a field allows tab and line breaks, no unpaired UTF-16 surrogates (no database can store them as UTF-8), and for the
/// texts shown under a person's name, no characters that reverse or isolate the direction of what follows.
/// </summary>
public static class Text
{
    /// <summary>True when <paramref name="value"/> holds a C0 or C1 control character (tab, CR and LF allowed when asked).</summary>
    public static bool HasControlCharacters(string? value, bool allowTabAndLineBreaks = false) =>
        value is not null && value.Any(c => char.IsControl(c) && !(allowTabAndLineBreaks && c is '\t' or '\n' or '\r'));

    /// <summary>True when <paramref name="value"/> holds a high or low surrogate without its partner: not Unicode text.</summary>
    public static bool HasUnpairedSurrogates(string? value)
    {
        if (value is null)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the value is not plain text: a control character (tab and line breaks allowed when asked) or an unpaired surrogate.</summary>
    public static bool IsNotText(string? value, bool allowTabAndLineBreaks = false) =>
        HasControlCharacters(value, allowTabAndLineBreaks) || HasUnpairedSurrogates(value);

    /// <summary>
    /// The embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069: they reorder what is shown after them
    /// (a name ending in U+202E turns the next column around). The marks U+200E and U+200F stay allowed.
    /// </summary>
    public static bool HasDirectionalFormatting(string? value) =>
        value is not null && value.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

    /// <summary>NFC, then trimmed: the form stored, so what is shown is what was compared and counted.</summary>
    /// <remarks>Call only on text (<see cref="IsNotText"/> false): normalisation throws on unpaired surrogates.</remarks>
    public static string Normalize(string value) => value.Normalize(NormalizationForm.FormC).Trim();

    /// <summary>
    /// True when at least one character would show as something: a letter, digit, punctuation or symbol that is not
    /// one of the blank-looking fillers. Spaces, format characters (zero-width space and joiners, the byte order mark,
    /// the Arabic letter mark, the Mongolian vowel separator), combining marks on their own, private-use and unassigned
    /// code points do not count.
    /// </summary>
    public static bool HasVisibleCharacter(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsVisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVisible(Rune rune)
    {
        if (BlankLooking(rune.Value))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark => false,
            _ => true,
        };
    }

    // Letters and symbols by category that render as nothing: Hangul fillers, Khmer inherent vowels (default ignorable),
    // the Braille blank, and the Mongolian vowel separator (a format character in current Unicode, a space in older data).
    private static bool BlankLooking(int codePoint) => codePoint is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x17B4 or 0x17B5 or 0x2800 or 0x180E;
}
