namespace CleanProfiles.Application.Profiles;

internal static class TextRules
{
    public static bool HasNoControlCharacters(string? value) =>
        value is null || !value.Any(char.IsControl);

    public static bool HasNoControlCharactersExceptLineBreaks(string? value) =>
        value is null || !value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
