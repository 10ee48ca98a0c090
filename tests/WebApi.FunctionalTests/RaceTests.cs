using System.Net;
using System.Net.Http.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class RaceTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task Register_SameEmailConcurrently_OneWinsTheRestGet409()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";
        var attempts = Enumerable.Range(0, 8).Select(i => NewClient().PostAsJsonAsync("/api/auth/register", new
        {
            email = i % 2 == 0 ? email : email.ToUpperInvariant(),
            password = "long enough",
            name = $"Racer {i}",
        }));

        var responses = await Task.WhenAll(attempts);

        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), string.Join(", ", statuses));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(7), string.Join(", ", statuses));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
