using System.Diagnostics;
using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// PostgreSQL behind a TCP proxy that fails, hangs or goes away at chosen moments (SQLite, in-process, has no such
/// faults). The status and time the client got, and the lifecycle invariant before and after a sweep.
/// </summary>
public sealed class DatabaseFaultTests
{
    private StepFaults faults = null!;
    private ApiFactory factory = null!;

    [SetUp]
    public async Task StartApp()
    {
        faults = new StepFaults();
        factory = await ApiFactory.CreateAsync(Backend.PostgresS3, LifecycleFaultTests.Settings, faults.Install, throughProxies: true);
    }

    [TearDown]
    public async Task StopApp() => await factory.DisposeAsync();

    [Test]
    public async Task DeletePicture_WhenTheDatabaseFailsAfterBothObjectDeletes_NeverLeavesABrokenReference()
    {
        var client = await SignedInAsync();
        var key = await AttachedPictureAsync(client);
        var deletes = 0;
        faults.AfterStep = step =>
        {
            if (step.Operation == "delete" && Interlocked.Increment(ref deletes) == 2)
            {
                factory.DatabaseProxy!.Mode = ProxyMode.Refuse;
            }

            return Task.CompletedTask;
        };

        var answer = await TimedAnswer.OfAsync(token => client.DeleteAsync("/api/profile/picture", token));

        var before = await LifecycleInvariant.ReadAsync(factory);
        faults.AfterStep = null;
        await LifecycleInvariant.SweepAfterEveryLifetimeAsync(factory);
        var after = await LifecycleInvariant.ReadAsync(factory);
        LifecycleFigures.Record("DELETE, PostgreSQL fails after both object deletes", Backend.PostgresS3, answer, before, after);
        Assert.Multiple(() =>
        {
            Assert.That(deletes, Is.EqualTo(2), "both objects were deleted before the database failed");
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NoContent), "the reference was cleared before the deletes");
            Assert.That(answer.Elapsed, Is.LessThan(LifecycleFaultTests.AnswerWithin));
            Assert.That(before.Referenced, Does.Not.Contain(key));
            Assert.That(before.BrokenReferences(), Is.Empty);
            Assert.That(after.OrphansAfterSweep(), Is.Empty);
            Assert.That(after.UnreferencedRecords(), Is.Empty, "the sweep removed the record marked for deletion");
        });
    }

    [Test]
    public async Task Community_WhenTheDatabaseHangs_Answers503WithinTheDeadlineWhileOtherRequestsAreServed()
    {
        var client = await SignedInAsync();
        await AttachedPictureAsync(client);
        factory.DatabaseProxy!.Mode = ProxyMode.Hang;

        var community = TimedAnswer.OfAsync(token => client.GetAsync("/api/community", token));
        var live = Stopwatch.StartNew();
        using var liveness = await client.GetAsync("/health/live");
        live.Stop();
        var answer = await community;

        var before = await LifecycleInvariant.ReadAsync(factory);
        await LifecycleInvariant.SweepAfterEveryLifetimeAsync(factory);
        var after = await LifecycleInvariant.ReadAsync(factory);
        LifecycleFigures.Record("PostgreSQL hangs (accepts, never answers), GET /api/community", Backend.PostgresS3, answer, before, after);
        Assert.Multiple(() =>
        {
            Assert.That(liveness.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server keeps serving while a request waits");
            Assert.That(live.Elapsed, Is.LessThan(LifecycleFaultTests.AnswerWithin));
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(answer.RetryAfter, Is.Not.Null);
            Assert.That(answer.Elapsed, Is.LessThan(LifecycleFaultTests.AnswerWithin));
            Assert.That(after.BrokenReferences(), Is.Empty);
            Assert.That(after.OrphansAfterSweep(), Is.Empty);
        });
    }

    [Test]
    public async Task Upload_WhenTheDatabaseHangs_Answers503WithinTheDeadlineAndWritesNoObject()
    {
        var client = await SignedInAsync();
        factory.DatabaseProxy!.Mode = ProxyMode.Hang;

        var answer = await TimedAnswer.OfAsync(token =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestImages.Png(red: 3));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "photo.png");
            return client.PostAsync("/api/profile/upload-picture", form, token);
        });

        factory.DatabaseProxy.Heal();
        var before = await LifecycleInvariant.ReadAsync(factory);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(answer.Elapsed, Is.LessThan(LifecycleFaultTests.AnswerWithin));
            Assert.That(before.Objects, Is.Empty, "no bytes before the intent is durable");
        });
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = factory.CreateClient();
        client.Timeout = TimedAnswer.Patience + TimeSpan.FromSeconds(5);
        return client.WithToken(await client.RegisterAsync());
    }

    private static async Task<string> AttachedPictureAsync(HttpClient client)
    {
        var key = (await client.UploadOkAsync(TestImages.Png(red: 1)))["s3Key"]!.GetValue<string>();
        using var attach = await client.UpdateProfileAsync(new { profile_picture_url = key });
        Assert.That(attach.StatusCode, Is.EqualTo(HttpStatusCode.OK), await attach.Content.ReadAsStringAsync());
        return key;
    }
}
