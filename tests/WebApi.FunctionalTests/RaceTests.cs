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

    [Test]
    public async Task UpdateProfile_Concurrently_EachGets200Or409AndTheStoredStateIsOneThatSucceeded()
    {
        var client = await NewUserAsync();
        var headlines = Enumerable.Range(0, 10).Select(i => $"Headline {i}").ToList();

        var responses = await Task.WhenAll(headlines.Select(h => client.UpdateProfileAsync(new { headline = h, bio = h })));

        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict), string.Join(", ", statuses));
            var succeeded = new List<string>();
            foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            {
                succeeded.Add((await response.ReadJsonAsync())["profile"]!["headline"]!.GetValue<string>());
            }

            foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            }

            var stored = await client.GetProfileAsync();
            Assert.That(succeeded, Is.Not.Empty);
            Assert.That(succeeded, Does.Contain(stored["headline"]!.GetValue<string>()), "no write is silently lost or half applied");
            Assert.That(stored["bio"]!.GetValue<string>(), Is.EqualTo(stored["headline"]!.GetValue<string>()));
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
