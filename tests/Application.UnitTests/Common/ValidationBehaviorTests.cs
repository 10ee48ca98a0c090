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
    public async Task Handle_FailingValidator_ThrowsWithThePropertyNamesAndSkipsNext()
    {
        // Arrange
        var validator = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.GraduationYear).Must(_ => false).WithMessage("year is wrong"),
            v => v.RuleFor(c => c.ProfilePictureKey).Must(_ => false).WithMessage("key is wrong"),
        };

        // Act
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Handle([validator]));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "GraduationYear", "ProfilePictureKey" }));
            Assert.That(ex.Errors["GraduationYear"], Is.EqualTo(new[] { "year is wrong" }));
            Assert.That(ex.Errors["ProfilePictureKey"], Is.EqualTo(new[] { "key is wrong" }));
            Assert.That(nextCalled, Is.False);
        });
    }

    [Test]
    public async Task Handle_RuleOnANestedValue_IsKeyedByTheOverriddenPropertyName()
    {
        // Arrange: a partial-update field is validated through its Value; the failure belongs to the field.
        var validator = new InlineValidator<SampleCommand>
        {
            v => v.RuleFor(c => c.Name.Length).Must(_ => false).WithMessage("bad").OverridePropertyName(nameof(SampleCommand.Name)),
        };

        // Act
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Handle([validator]));

        // Assert
        Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public async Task Handle_HandlerBreaksADomainRule_ThrowsInvalidWithTheRulesMessage()
    {
        // Arrange
        var rule = new Domain.Common.DomainRuleException("A name has 1 to 100 characters.");
        var behavior = new ValidationBehavior<SampleCommand, string>([]);

        // Act
        var ex = await Assert.ThrowsAsync<ApplicationErrorException>(async () => await behavior.Handle(
            Message, (_, _) => throw rule, CancellationToken.None));

        // Assert
        Assert.That((ex!.Kind, ex.Message, ex.InnerException), Is.EqualTo((ErrorKind.Invalid, rule.Message, (Exception)rule)));
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
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Handle([first, passing, second]));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EqualTo(new[] { "Name" }));
            Assert.That(ex.Errors["Name"], Is.EquivalentTo(new[] { "name is wrong", "name is too short" }));
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
    public async Task Handle_RealUpdateProfileValidator_ReportsTheCommandsPropertyNames()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var behavior = new ValidationBehavior<UpdateProfileCommand, ProfileDto>([new UpdateProfileValidator(clock)]);
        var command = new UpdateProfileCommand(TestData.UserId, Name: "", GraduationYear: 2036);

        // Act
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await behavior.Handle(
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
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { nameof(UpdateProfileCommand.Name), nameof(UpdateProfileCommand.GraduationYear) }));
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
