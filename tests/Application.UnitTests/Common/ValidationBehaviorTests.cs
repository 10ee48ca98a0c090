using CleanProfiles.Application.Common.Behaviors;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.UpdateProfile;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Application.UnitTests.Common;

public sealed class ValidationBehaviorTests
{
    private static readonly SampleCommand Message = new("Ada", 1990, "key");

    private bool nextCalled;

    [SetUp]
    public void SetUp() => nextCalled = false;

    [Test]
    public async Task Handle_FailingValidator_ThrowsWithSnakeCaseWireNamesAndSkipsNext()
    {
        // Arrange
        var validator = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.GraduationYear).Must(_ => false).WithMessage("year is wrong"),
            v => v.RuleFor(c => c.ProfilePictureKey).Must(_ => false).WithMessage("key is wrong"),
        };

        // Act
        var ex = await Assert.ThrowsAsync<RequestValidationException>(async () => await Handle([validator]));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "graduation_year", "profile_picture_key" }));
            Assert.That(ex.Errors["graduation_year"], Is.EqualTo(new[] { "year is wrong" }));
            Assert.That(ex.Errors["profile_picture_key"], Is.EqualTo(new[] { "key is wrong" }));
            Assert.That(nextCalled, Is.False);
        });
    }

    [Test]
    public async Task Handle_OverriddenPropertyName_KeepsTheWireName()
    {
        // Arrange
        var validator = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.GraduationYear).Must(_ => false).WithMessage("bad").OverridePropertyName("graduation_year"),
        };

        // Act
        var ex = await Assert.ThrowsAsync<RequestValidationException>(async () => await Handle([validator]));

        // Assert
        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "graduation_year" }));
    }

    [Test]
    public async Task Handle_SeveralValidators_MergesTheirFailuresPerFieldWithoutDuplicates()
    {
        // Arrange
        var first = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.Name).Must(_ => false).WithMessage("name is wrong"),
        };
        var second = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.Name).Must(_ => false).WithMessage("name is wrong"),
            v => v.RuleFor(c => c.Name).Must(_ => false).WithMessage("name is too short"),
        };
        var passing = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.GraduationYear).Must(_ => true),
        };

        // Act
        var ex = await Assert.ThrowsAsync<RequestValidationException>(async () => await Handle([first, passing, second]));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "name" }));
            Assert.That(ex.Errors["name"], Is.EquivalentTo(new[] { "name is wrong", "name is too short" }));
            Assert.That(nextCalled, Is.False);
        });
    }

    [Test]
    public async Task Handle_PassingValidators_CallsNextAndReturnsItsResponse()
    {
        // Arrange
        var validator = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.Name).NotEmpty(),
            v => v.RuleFor(c => c.GraduationYear).InclusiveBetween(1900, 2035),
        };

        // Act
        var response = await Handle([validator]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(nextCalled, Is.True);
            Assert.That(response, Is.EqualTo("handled Ada"));
        });
    }

    [Test]
    public async Task Handle_NoValidators_CallsNext()
    {
        // Act
        var response = await Handle([]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(nextCalled, Is.True);
            Assert.That(response, Is.EqualTo("handled Ada"));
        });
    }

    [Test]
    public async Task Handle_RealUpdateProfileValidator_ReportsWireFieldNames()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var behavior = new ValidationBehavior<UpdateProfileCommand, ProfileDto>([new UpdateProfileValidator(clock)]);
        var command = new UpdateProfileCommand(TestData.UserId, GraduationYear: 2036, ProfilePictureKey: "https://evil.example/x.png");

        // Act
        var ex = await Assert.ThrowsAsync<RequestValidationException>(async () => await behavior.Handle(
            command,
            (_, _) =>
            {
                nextCalled = true;
                return new ValueTask<ProfileDto>(default(ProfileDto)!);
            },
            CancellationToken.None));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "graduation_year", "profile_picture_url" }));
            Assert.That(nextCalled, Is.False);
        });
    }

    private async Task<string> Handle(IEnumerable<IValidator<SampleCommand>> validators)
    {
        var behavior = new ValidationBehavior<SampleCommand, string>(validators);
        return await behavior.Handle(
            Message,
            (message, _) =>
            {
                nextCalled = true;
                return new ValueTask<string>("handled " + message.Name);
            },
            CancellationToken.None);
    }

    public sealed record SampleCommand(string Name, int? GraduationYear, string? ProfilePictureKey) : ICommand<string>;
}
