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

    public void Rename(string name, DateTimeOffset now) => Touch(() => Name = CheckName(name), now);

    public void ChangeHeadline(string? headline, DateTimeOffset now) =>
        Touch(() => Headline = CheckOptional(headline, HeadlineMaxLength, "headline"), now);

    public void ChangeBio(string? bio, DateTimeOffset now) =>
        Touch(() => Bio = CheckOptional(bio, BioMaxLength, "bio"), now);

    public void ChangeGraduationYear(int? year, DateTimeOffset now)
    {
        if (year is { } y && (y < FirstGraduationYear || y > LastGraduationYear(now)))
        {
            throw new DomainRuleException($"Graduation year must lie between {FirstGraduationYear} and {LastGraduationYear(now)}.");
        }

        Touch(() => GraduationYear = year, now);
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

        Touch(() => Picture = PictureReference.ForKey(key), now);
        return previous;
    }

    /// <summary>Clears the picture. Returns the reference it removed, if any.</summary>
    public PictureReference? RemovePicture(DateTimeOffset now)
    {
        var previous = Picture;
        if (previous is not null)
        {
            Touch(() => Picture = null, now);
        }

        return previous;
    }

    private void Touch(Action change, DateTimeOffset now)
    {
        change();
        UpdatedAt = now;
    }

    private static string CheckName(string name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > NameMaxLength)
        {
            throw new DomainRuleException($"A name has 1 to {NameMaxLength} characters.");
        }

        return trimmed;
    }

    private static string? CheckOptional(string? value, int maxLength, string what)
    {
        var trimmed = value?.Trim();
        if (trimmed?.Length > maxLength)
        {
            throw new DomainRuleException($"A {what} has at most {maxLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
