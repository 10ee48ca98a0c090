using CleanProfiles.Infrastructure.Persistence;

namespace CleanProfiles.Infrastructure.IntegrationTests.Validation;

public sealed class DatabaseOptionsValidatorTests
{
    private readonly DatabaseOptionsValidator validator = new();

    [TestCase(null)]
    [TestCase("Data Source=profiles.db")]
    public void Validate_SqliteWithOrWithoutConnectionString_Succeeds(string? connectionString)
    {
        // Act
        var result = validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Validate_PostgresWithoutConnectionString_FailsNamingTheKeyAndItsEnvironmentVariable(string? connectionString)
    {
        // Act
        var result = validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("ConnectionStrings:Profiles").And.Contains("ConnectionStrings__Profiles"));
    }

    [Test]
    public void Validate_PostgresWithConnectionString_Succeeds()
    {
        // Act
        var result = validator.Validate(null, new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Database=profiles;Username=app;Password=secret",
        });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_ProviderThatIsNoneOfTheKnownOnes_FailsNamingTheKey()
    {
        // Act
        var result = validator.Validate(null, new DatabaseOptions { Provider = (DatabaseProvider)42 });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Database:Provider").And.Contains("Sqlite").And.Contains("Postgres"));
    }

    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(301.0)]
    public void Validate_CommandTimeoutOutOfRange_FailsNamingTheKey(double seconds)
    {
        // Act
        var result = validator.Validate(null, new DatabaseOptions { CommandTimeout = TimeSpan.FromSeconds(seconds) });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Database:CommandTimeout"));
    }

    [Test]
    public void Defaults_CommandTimeout_IsFiveSecondsAndValid()
    {
        // Act
        var options = new DatabaseOptions();

        // Assert
        Assert.That(options.CommandTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(validator.Validate(null, options).Succeeded, Is.True);
    }
}
