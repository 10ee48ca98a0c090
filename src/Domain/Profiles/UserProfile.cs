using CleanProfiles.Domain.Common;
using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Domain.Profiles;

/// <summary>A member's community profile. Every change goes through a method that keeps the rules.</summary>
public sealed class UserProfile
{
    public const int NameMaxLength = 100;
    public const int HeadlineMaxLength = 160;
    public const int BioMaxLength = 2000;
    public const int FirstGraduationYear = 1900;

    /// <summary>How far ahead of the current year a graduation year may lie.</summary>
    public const int GraduationYearsAhead = 10;

    private UserProfile()
    {
        Name = null!;
    }

    public Guid UserId { get; private set; }

    public string Name { get; private set; }

    public string? Headline { get; private set; }

    public string? Bio { get; private set; }

    public int? GraduationYear { get; private set; }

    public PictureReference? Picture { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static UserProfile Create(Guid userId, string name, DateTimeOffset now)
    {
        if (userId == Guid.Empty)
        {
            throw new DomainRuleException("A profile needs a user.");
        }

        return new UserProfile { UserId = userId, Name = CheckName(name), UpdatedAt = now };
    }

    public static int LastGraduationYear(DateTimeOffset now) => now.Year + GraduationYearsAhead;

    // The rules, each stated once: the methods below keep them, and validators at the edge ask them about input, so
    // a broken rule is reported per field before anything changes. Each answers why a value breaks it, or null.

    public static string? ProblemWithName(string? name)
    {
        if (name is null)
        {
            return $"A name has 1 to {NameMaxLength} characters.";
        }

        if (Problem("name", name, allowTabAndLineBreaks: false, shownWithTheName: true) is { } problem)
        {
            return problem;
        }

        var normalized = Text.Normalize(name);
        if (normalized.Length is < 1 or > NameMaxLength)
        {
            return $"A name has 1 to {NameMaxLength} characters.";
        }

        return Text.HasVisibleCharacter(normalized)
            ? null
            : "The name must contain at least one visible letter, digit or symbol (spaces and invisible characters alone are not a name).";
    }

    public static string? ProblemWithHeadline(string? headline) =>
        Problem("headline", headline, allowTabAndLineBreaks: false, shownWithTheName: true)
        ?? ((headline is null ? 0 : Text.Normalize(headline).Length) <= HeadlineMaxLength
            ? null
            : $"A headline has at most {HeadlineMaxLength} characters.");

    public static string? ProblemWithBio(string? bio) =>
        Problem("bio", bio, allowTabAndLineBreaks: true, shownWithTheName: false)
        ?? ((bio?.Trim().Length ?? 0) <= BioMaxLength ? null : $"A bio has at most {BioMaxLength} characters.");

    public static string? ProblemWithGraduationYear(int? year, DateTimeOffset now) =>
        year is not { } y || (y >= FirstGraduationYear && y <= LastGraduationYear(now))
            ? null
            : $"Graduation year must lie between {FirstGraduationYear} and {LastGraduationYear(now)}.";

    public void Rename(string name, DateTimeOffset now)
    {
        Name = CheckName(name);
        UpdatedAt = now;
    }

    public void ChangeHeadline(string? headline, DateTimeOffset now)
    {
        Keep(ProblemWithHeadline(headline));
        Headline = headline is null ? null : TrimmedOrNull(Text.Normalize(headline));
        UpdatedAt = now;
    }

    public void ChangeBio(string? bio, DateTimeOffset now)
    {
        Keep(ProblemWithBio(bio));
        Bio = TrimmedOrNull(bio);
        UpdatedAt = now;
    }

    public void ChangeGraduationYear(int? year, DateTimeOffset now)
    {
        Keep(ProblemWithGraduationYear(year, now));
        GraduationYear = year;
        UpdatedAt = now;
    }

    /// <summary>Points the profile at an upload of its own user. Returns the reference it replaced, if any.</summary>
    public PictureReference? AttachPicture(PictureKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.IsOwnedBy(UserId))
        {
            throw new DomainRuleException("A profile can only show its own user's uploads.");
        }

        var previous = Picture;
        if (previous?.Key == key)
        {
            return null;
        }

        Picture = PictureReference.ForKey(key);
        UpdatedAt = now;
        return previous;
    }

    /// <summary>Clears the picture. Returns the reference it removed, if any.</summary>
    public PictureReference? RemovePicture(DateTimeOffset now)
    {
        var previous = Picture;
        if (previous is not null)
        {
            Picture = null;
            UpdatedAt = now;
        }

        return previous;
    }

    private static string CheckName(string name)
    {
        Keep(ProblemWithName(name));
        return Text.Normalize(name);
    }

    /// <summary>What every text field refuses; texts shown with the name also refuse direction overrides and isolates.</summary>
    private static string? Problem(string field, string? value, bool allowTabAndLineBreaks, bool shownWithTheName)
    {
        if (Text.HasUnpairedSurrogates(value))
        {
            return $"The {field} is not valid Unicode text (it holds an unpaired surrogate).";
        }

        if (Text.HasControlCharacters(value, allowTabAndLineBreaks))
        {
            return allowTabAndLineBreaks
                ? $"The {field} must not contain control characters other than line breaks and tabs."
                : $"The {field} must not contain control characters (such as NUL, tab or line breaks).";
        }

        return shownWithTheName && Text.HasDirectionalFormatting(value)
            ? $"The {field} must not contain characters that override or isolate the text direction (U+202A to U+202E, U+2066 to U+2069)."
            : null;
    }

    private static void Keep(string? problem)
    {
        if (problem is not null)
        {
            throw new DomainRuleException(problem);
        }
    }

    private static string? TrimmedOrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
