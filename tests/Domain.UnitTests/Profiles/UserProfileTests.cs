using CleanProfiles.Domain.Common;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;

namespace CleanProfiles.Domain.UnitTests.Profiles;

public sealed class UserProfileTests
{
    private static readonly Guid UserId = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");
    private static readonly Guid OtherUserId = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8c");
    private static readonly DateTimeOffset Created = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddMinutes(5);

    [Test]
    public void Create_ValidInput_SetsUserNameAndUpdatedAt()
    {
        // Act
        var profile = UserProfile.Create(UserId, "Ada Lovelace", Created);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.UserId, Is.EqualTo(UserId));
            Assert.That(profile.Name, Is.EqualTo("Ada Lovelace"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
            Assert.That(profile.Headline, Is.Null);
            Assert.That(profile.Bio, Is.Null);
            Assert.That(profile.GraduationYear, Is.Null);
            Assert.That(profile.Picture, Is.Null);
        });
    }

    [Test]
    public void Create_NameWithSurroundingWhitespace_TrimsIt()
    {
        // Act
        var profile = UserProfile.Create(UserId, "  \u00A0Katherine Johnson \u2003 ", Created);

        // Assert
        Assert.That(profile.Name, Is.EqualTo("Katherine Johnson"));
    }

    [Test]
    public void Create_NameOfOneAndOfMaxLength_IsAccepted()
    {
        // Arrange
        var longest = new string('n', UserProfile.NameMaxLength);

        // Act
        var shortProfile = UserProfile.Create(UserId, "A", Created);
        var longProfile = UserProfile.Create(UserId, "  " + longest + "  ", Created);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(shortProfile.Name, Is.EqualTo("A"));
            Assert.That(longProfile.Name, Is.EqualTo(longest));
        });
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" \t\r\n ")]
    [TestCase(null)]
    public void Create_EmptyName_ThrowsDomainRuleException(string? name)
    {
        // Act & Assert
        Assert.That(() => UserProfile.Create(UserId, name!, Created), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void Create_NameLongerThanMax_ThrowsDomainRuleException()
    {
        // Arrange
        var name = new string('n', UserProfile.NameMaxLength + 1);

        // Act & Assert
        Assert.That(() => UserProfile.Create(UserId, name, Created), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void Create_EmptyUserId_ThrowsDomainRuleException()
    {
        // Act & Assert
        Assert.That(() => UserProfile.Create(Guid.Empty, "Ada", Created), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void Rename_ValidName_TrimsItAndTouchesUpdatedAt()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act
        profile.Rename("  Grace Hopper ", Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Name, Is.EqualTo("Grace Hopper"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void Rename_EmptyName_ThrowsAndChangesNothing(string? name)
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(() => profile.Rename(name!, Later), Throws.TypeOf<DomainRuleException>());
            Assert.That(profile.Name, Is.EqualTo("Ada"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [Test]
    public void Rename_NameLongerThanMax_ThrowsAndChangesNothing()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(
                () => profile.Rename(new string('n', UserProfile.NameMaxLength + 1), Later),
                Throws.TypeOf<DomainRuleException>());
            Assert.That(profile.Name, Is.EqualTo("Ada"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [Test]
    public void ChangeHeadline_Text_TrimsItAndTouchesUpdatedAt()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act
        profile.ChangeHeadline("  Analytical engines  ", Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Headline, Is.EqualTo("Analytical engines"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void ChangeHeadline_MaxLength_IsAccepted()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var headline = new string('h', UserProfile.HeadlineMaxLength);

        // Act
        profile.ChangeHeadline(headline, Later);

        // Assert
        Assert.That(profile.Headline, Is.EqualTo(headline));
    }

    [Test]
    public void ChangeHeadline_LongerThanMax_ThrowsAndChangesNothing()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        profile.ChangeHeadline("Before", Created);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(
                () => profile.ChangeHeadline(new string('h', UserProfile.HeadlineMaxLength + 1), Later),
                Throws.TypeOf<DomainRuleException>());
            Assert.That(profile.Headline, Is.EqualTo("Before"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void ChangeHeadline_EmptyOrNull_BecomesNull(string? headline)
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        profile.ChangeHeadline("Before", Created);

        // Act
        profile.ChangeHeadline(headline, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Headline, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void ChangeBio_Text_TrimsItAndTouchesUpdatedAt()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act
        profile.ChangeBio("\n First line\nSecond line \n", Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Bio, Is.EqualTo("First line\nSecond line"));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void ChangeBio_MaxLength_IsAccepted()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var bio = new string('b', UserProfile.BioMaxLength);

        // Act
        profile.ChangeBio(bio, Later);

        // Assert
        Assert.That(profile.Bio, Is.EqualTo(bio));
    }

    [Test]
    public void ChangeBio_LongerThanMax_ThrowsAndChangesNothing()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(
                () => profile.ChangeBio(new string('b', UserProfile.BioMaxLength + 1), Later),
                Throws.TypeOf<DomainRuleException>());
            Assert.That(profile.Bio, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [TestCase("")]
    [TestCase(" \n\t ")]
    [TestCase(null)]
    public void ChangeBio_EmptyOrNull_BecomesNull(string? bio)
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        profile.ChangeBio("Before", Created);

        // Act
        profile.ChangeBio(bio, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Bio, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [TestCase(1900)]
    [TestCase(1990)]
    [TestCase(2025)]
    [TestCase(2035)]
    public void ChangeGraduationYear_WithinBounds_SetsItAndTouchesUpdatedAt(int year)
    {
        // Arrange: Later is in 2025, so the last accepted year is 2035.
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act
        profile.ChangeGraduationYear(year, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.GraduationYear, Is.EqualTo(year));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [TestCase(1899)]
    [TestCase(2036)]
    [TestCase(0)]
    [TestCase(-2000)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void ChangeGraduationYear_OutOfBounds_ThrowsAndChangesNothing(int year)
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        profile.ChangeGraduationYear(2000, Created);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(() => profile.ChangeGraduationYear(year, Later), Throws.TypeOf<DomainRuleException>());
            Assert.That(profile.GraduationYear, Is.EqualTo(2000));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [Test]
    public void ChangeGraduationYear_Null_ClearsIt()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        profile.ChangeGraduationYear(2000, Created);

        // Act
        profile.ChangeGraduationYear(null, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.GraduationYear, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void ChangeGraduationYear_UpperBound_FollowsTheGivenNow()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var nextYear = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Act
        profile.ChangeGraduationYear(2036, nextYear);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.GraduationYear, Is.EqualTo(2036));
            Assert.That(UserProfile.LastGraduationYear(nextYear), Is.EqualTo(2036));
            Assert.That(UserProfile.LastGraduationYear(Created), Is.EqualTo(2035));
        });
    }

    [Test]
    public void AttachPicture_NoPreviousPicture_SetsItAndReturnsNull()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var key = PictureKey.Create(UserId, Created, ImageFormat.Png);

        // Act
        var previous = profile.AttachPicture(key, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(previous, Is.Null);
            Assert.That(profile.Picture?.Key, Is.EqualTo(key));
            Assert.That(profile.Picture?.Stored, Is.EqualTo(key.Value));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void AttachPicture_ReplacingAPicture_ReturnsThePreviousReference()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var first = PictureKey.Create(UserId, Created, ImageFormat.Png);
        var second = PictureKey.Create(UserId, Later, ImageFormat.Jpeg);
        profile.AttachPicture(first, Created);

        // Act
        var previous = profile.AttachPicture(second, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(previous?.Key, Is.EqualTo(first));
            Assert.That(profile.Picture?.Key, Is.EqualTo(second));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void AttachPicture_AnotherOwnersKey_ThrowsAndKeepsThePicture()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var own = PictureKey.Create(UserId, Created, ImageFormat.Png);
        profile.AttachPicture(own, Created);
        var foreign = PictureKey.Create(OtherUserId, Later, ImageFormat.Png);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(() => profile.AttachPicture(foreign, Later), Throws.TypeOf<DomainRuleException>());
            Assert.That(profile.Picture?.Key, Is.EqualTo(own));
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [Test]
    public void AttachPicture_SameKeyAgain_ReturnsNullAndKeepsIt()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var key = PictureKey.Create(UserId, Created, ImageFormat.Png);
        profile.AttachPicture(key, Created);

        // Act
        var previous = profile.AttachPicture(key, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(previous, Is.Null);
            Assert.That(profile.Picture?.Key, Is.EqualTo(key));
        });
    }

    [Test]
    public void AttachPicture_SameKeyParsedAgain_ReturnsNull()
    {
        // Arrange: the key as it comes back in a later request, a different instance with the same value.
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var key = PictureKey.Create(UserId, Created, ImageFormat.WebP);
        profile.AttachPicture(key, Created);
        var parsed = PictureKey.TryParse(key.Value, out var reparsed);

        // Act
        var previous = profile.AttachPicture(reparsed!, Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(reparsed, Is.Not.SameAs(key));
            Assert.That(previous, Is.Null);
            Assert.That(profile.Picture?.Key, Is.EqualTo(key));
        });
    }

    [Test]
    public void AttachPicture_Null_Throws()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act & Assert
        Assert.That(() => profile.AttachPicture(null!, Later), Throws.ArgumentNullException);
    }

    [Test]
    public void RemovePicture_WithPicture_ReturnsWhatItRemoved()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        var key = PictureKey.Create(UserId, Created, ImageFormat.Png);
        profile.AttachPicture(key, Created);

        // Act
        var removed = profile.RemovePicture(Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed?.Key, Is.EqualTo(key));
            Assert.That(profile.Picture, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(Later));
        });
    }

    [Test]
    public void RemovePicture_WithoutPicture_ReturnsNullAndLeavesUpdatedAt()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act
        var removed = profile.RemovePicture(Later);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(Created));
        });
    }

    [Test]
    public void RemovePicture_Twice_SecondReturnsNull()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);
        profile.AttachPicture(PictureKey.Create(UserId, Created, ImageFormat.Png), Created);
        profile.RemovePicture(Later);

        // Act
        var removed = profile.RemovePicture(Later.AddMinutes(1));

        // Assert
        Assert.That(removed, Is.Null);
    }

    [TestCase("A", true)]
    [TestCase("  Ada  ", true)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    [TestCase(null, false)]
    public void ProblemWithName_AnswersWhatRenameEnforces(string? name, bool valid)
    {
        // Arrange
        var profile = UserProfile.Create(Guid.NewGuid(), "Before", DateTimeOffset.UnixEpoch);

        // Act
        var problem = UserProfile.ProblemWithName(name);

        // Assert: the validators ask the same question the method answers by throwing.
        Assert.That(problem is null, Is.EqualTo(valid));
        if (valid)
        {
            Assert.DoesNotThrow(() => profile.Rename(name!, DateTimeOffset.UnixEpoch));
        }
        else
        {
            Assert.That(() => profile.Rename(name!, DateTimeOffset.UnixEpoch), Throws.TypeOf<DomainRuleException>().With.Message.EqualTo(problem));
        }
    }

    [TestCase(160, true)]
    [TestCase(161, false)]
    public void ProblemWithHeadline_CountsTrimmedCharacters(int length, bool valid)
    {
        // Act / Assert
        Assert.That(UserProfile.ProblemWithHeadline("  " + new string('h', length) + "  ") is null, Is.EqualTo(valid));
    }

    [TestCase(2000, true)]
    [TestCase(2001, false)]
    public void ProblemWithBio_CountsTrimmedCharacters(int length, bool valid)
    {
        // Act / Assert
        Assert.That(UserProfile.ProblemWithBio(new string('b', length)) is null, Is.EqualTo(valid));
    }

    [TestCase(null, true)]
    [TestCase(1900, true)]
    [TestCase(1899, false)]
    [TestCase(2035, true)]
    [TestCase(2036, false)]
    public void ProblemWithGraduationYear_AllowsTenYearsAhead(int? year, bool valid)
    {
        // Act / Assert
        Assert.That(
            UserProfile.ProblemWithGraduationYear(year, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)) is null,
            Is.EqualTo(valid));
    }

    [Test]
    public void Create_DecomposedName_StoresItNfcNormalised()
    {
        // Act
        var profile = UserProfile.Create(UserId, " Zoe\u0308 Ange\u0301lique ", Created);

        // Assert
        Assert.That(profile.Name, Is.EqualTo("Zo\u00EB Ang\u00E9lique"));
    }

    [Test]
    public void ChangeHeadline_DecomposedHeadline_StoresItNfcNormalised()
    {
        // Arrange
        var profile = UserProfile.Create(UserId, "Ada", Created);

        // Act
        profile.ChangeHeadline(" Cafe\u0301 owner ", Later);

        // Assert
        Assert.That(profile.Headline, Is.EqualTo("Caf\u00E9 owner"));
    }

    [TestCase("\u200B\u200B")]
    [TestCase("\u200D")]
    [TestCase("\uFEFF")]
    [TestCase("\u061C")]
    [TestCase("\u180E")]
    [TestCase(" \u3164 ")]
    public void ProblemWithName_NoVisibleCharacter_SaysSo(string name)
    {
        // Act / Assert
        Assert.That(UserProfile.ProblemWithName(name), Does.Contain("visible"));
        Assert.Throws<DomainRuleException>(() => UserProfile.Create(UserId, name, Created));
    }

    [TestCase("Eve\u202Eexe.png")]
    [TestCase("\u2066Eve\u2069")]
    public void ProblemWithNameAndHeadline_DirectionOverrideOrIsolate_SaysSo(string text)
    {
        // Act / Assert
        Assert.That(UserProfile.ProblemWithName(text), Does.Contain("text direction"));
        Assert.That(UserProfile.ProblemWithHeadline(text), Does.Contain("text direction"));
        Assert.That(UserProfile.ProblemWithBio(text), Is.Null, "a bio is not shown beside the name");
    }

    [TestCase("Ann\u0000Lee")]
    [TestCase("Ann\u0085Lee")]
    [TestCase("Ann\tLee")]
    public void ProblemWithName_ControlCharacterInside_SaysSo(string name)
    {
        // Act / Assert
        Assert.That(UserProfile.ProblemWithName(name), Does.Contain("control characters"));
        Assert.That(UserProfile.ProblemWithHeadline(name), Does.Contain("control characters"));
    }

    [Test]
    public void ProblemWithBio_AllowsTabsAndLineBreaksButNotNul()
    {
        // Act / Assert
        Assert.That(UserProfile.ProblemWithBio("a\tb\r\nc"), Is.Null);
        Assert.That(UserProfile.ProblemWithBio("a\u0000b"), Does.Contain("control characters"));
    }

    [Test]
    public void ProblemWithName_UnpairedSurrogate_SaysSoInsteadOfThrowing()
    {
        // Arrange: built at run time (a lone surrogate literal would be compiled as written, but keep it explicit)
        var lone = new string([(char)0xD800]);

        // Act / Assert
        Assert.That(UserProfile.ProblemWithName("Ann" + lone), Does.Contain("not valid Unicode"));
        Assert.That(UserProfile.ProblemWithHeadline(lone), Does.Contain("not valid Unicode"));
        Assert.That(UserProfile.ProblemWithBio(lone + "x"), Does.Contain("not valid Unicode"));
    }
}
