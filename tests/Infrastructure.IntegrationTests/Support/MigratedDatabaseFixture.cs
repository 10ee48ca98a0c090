namespace CleanProfiles.Infrastructure.IntegrationTests.Support;

/// <summary>One migrated database per fixture and engine, dropped when the fixture ends.</summary>
public abstract class MigratedDatabaseFixture(DatabaseEngine engine)
{
    protected TestDatabase Database { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        Database = await TestDatabase.CreateAsync(engine);
        await Database.MigrateAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
