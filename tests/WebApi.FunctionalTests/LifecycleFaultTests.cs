using System.Net;
using System.Net.Http.Json;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// Nothing broken, nothing leaked: upload, attach, replace and delete driven through a store that refuses, hangs, crawls
/// or loses its answers after doing the work, and through a process that stops between any two steps. For each case,
/// the status the client got (503 within the deadline where the request cannot succeed) and the invariant, read from the
/// bucket and the tables before and after a sweep: every key a profile references has all its objects; after the sweep,
/// every object belongs to an attached upload. On PostgresS3 the store's faults come from a TCP proxy in front of the S3
/// server, on the embedded stack from a wrapper around the local-disk store.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class LifecycleFaultTests(Backend backend)
{
    /// <summary>The request deadline in these tests; production's default is 10 s.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The deadline, plus the cancellation reaching the dependency (the SDK, Npgsql's cancel request) and a loaded 2-core
    /// machine: generous, and still far below what a sick dependency held requests for before (21 to 70 s).
    /// </summary>
    public static readonly TimeSpan AnswerWithin = Deadline + TimeSpan.FromSeconds(6);

    /// <summary>How slow the crawling store is: every answer 10 s late, as in the reported case.</summary>
    private static readonly TimeSpan Crawl = TimeSpan.FromSeconds(10);

    private StepFaults faults = null!;
    private ApiFactory factory = null!;
    private volatile bool storeDown;
    private volatile bool faultFired;

    /// <summary>The deadline, and database commands (and Npgsql's connect and cancel requests) bounded by it too.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Requests:Deadline"] = Deadline.ToString(),
        ["Database:CommandTimeout"] = Deadline.ToString(),
    };

    [SetUp]
    public async Task StartApp()
    {
        faults = new StepFaults();
        storeDown = false;
        faultFired = false;
        factory = await ApiFactory.CreateAsync(backend, Settings, faults.Install, throughProxies: true);
    }

    [TearDown]
    public async Task StopApp() => await factory.DisposeAsync();

    [Test]
    public async Task DeletePicture_WhenEveryAnswerToThePictureDeleteIsLost_ClearsTheReferenceAndTheSweepFinishes()
    {
        var client = await SignedInAsync();
        await AttachedPictureAsync(client);
        LoseAnswers("DELETE", thumbnail: false, thenDown: false);

        var answer = await TimedAnswer.OfAsync(token => client.DeleteAsync("/api/profile/picture", token));

        await AssertInvariantAsync("DELETE, S3 drops the response of a delete", answer, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task DeletePicture_WhenTheAnswerToADeleteIsLostAndTheStoreGoesDown_ClearsTheReferenceAndTheSweepFinishes()
    {
        var client = await SignedInAsync();
        await AttachedPictureAsync(client);
        LoseAnswers("DELETE", thumbnail: false, thenDown: true);

        var answer = await TimedAnswer.OfAsync(token => client.DeleteAsync("/api/profile/picture", token));

        await AssertInvariantAsync("delete, answer lost after the side effect, then store down", answer, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Upload_WhenTheAnswerToAPutIsLostAndTheStoreGoesDown_Answers503AndTheSweepFindsTheObjects()
    {
        var client = await SignedInAsync();
        await AttachedPictureAsync(client);
        LoseAnswers("PUT", thumbnail: true, thenDown: true);

        var answer = await TimedAnswer.OfAsync(token => Upload(client, 2, token));

        await AssertInvariantAsync("upload, S3's answer to a PUT lost after the object was stored", answer, HttpStatusCode.ServiceUnavailable);
    }

    [Test]
    public async Task ReplacePicture_WhenTheAnswerToTheOldPicturesDeleteIsLost_AttachesTheNewOneAndTheSweepFinishesTheOld()
    {
        var client = await SignedInAsync();
        await AttachedPictureAsync(client);
        var replacement = (await client.UploadOkAsync(TestImages.Png(red: 9)))["s3Key"]!.GetValue<string>();
        LoseAnswers("DELETE", thumbnail: false, thenDown: true);

        var answer = await TimedAnswer.OfAsync(token => client.PutAsJsonAsync("/api/profile/update", new { profile_picture_url = replacement }, token));

        await AssertInvariantAsync("replace, answer to the old picture's delete lost, then store down", answer, HttpStatusCode.OK);
        Assert.That((await LifecycleInvariant.ReadAsync(factory)).Referenced, Is.EquivalentTo(new[] { replacement }));
    }

    [Test]
    public async Task Upload_WhenTheStoreCrawls_Answers503WithinTheDeadline()
    {
        var client = await SignedInAsync();
        StoreCrawls();

        var answer = await TimedAnswer.OfAsync(token => Upload(client, 3, token));

        await AssertInvariantAsync("S3 slowed by 10 s per request, upload", answer, HttpStatusCode.ServiceUnavailable);
    }

    [Test]
    public async Task Upload_WhenTheStoreNeverAnswers_Answers503WithinTheDeadline()
    {
        var client = await SignedInAsync();
        StoreHangs();

        var answer = await TimedAnswer.OfAsync(token => Upload(client, 4, token));

        await AssertInvariantAsync("S3 accepts connections and never answers, upload", answer, HttpStatusCode.ServiceUnavailable);
    }

    [Test]
    public async Task DeletePicture_WhenTheStoreCrawls_AnswersWithinTheDeadlineWithTheReferenceCleared()
    {
        var client = await SignedInAsync();
        await AttachedPictureAsync(client);
        StoreCrawls();

        var answer = await TimedAnswer.OfAsync(token => client.DeleteAsync("/api/profile/picture", token));

        await AssertInvariantAsync("S3 slowed by 10 s, delete", answer, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Attach_WhenTheStoreIsRefused_Answers503AndChangesNothing()
    {
        var client = await SignedInAsync();
        var key = (await client.UploadOkAsync(TestImages.Png(red: 5)))["s3Key"]!.GetValue<string>();
        StoreDown();

        var answer = await TimedAnswer.OfAsync(token => client.PutAsJsonAsync("/api/profile/update", new { profile_picture_url = key }, token));

        await AssertInvariantAsync("attach, store refused", answer, HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>
    /// Every step of an upload followed by a replace (record intent, two PUTs, mark stored, existence check, attach, two
    /// deletes), failed once: refused before it happens, or its answer lost after it happened.
    /// </summary>
    [Test]
    public async Task UploadAndReplace_WhenAnyStepFails_NeverLeavesABrokenReferenceOrAnOrphanAfterTheSweep(
        [Range(1, 8)] int step, [Values] bool afterTheSideEffect)
    {
        var (client, userId) = await SignedInWithIdAsync();
        await AttachedPictureAsync(client);
        FailStep(userId, step, afterTheSideEffect);

        var answer = await TimedAnswer.OfAsync(async token =>
        {
            var upload = await Upload(client, 6, token);
            if (!upload.IsSuccessStatusCode)
            {
                return upload;
            }

            var key = (await upload.ReadJsonAsync())["s3Key"]!.GetValue<string>();
            upload.Dispose();
            return await client.PutAsJsonAsync("/api/profile/update", new { profile_picture_url = key }, token);
        });

        Assert.That(answer.Status, Is.Not.EqualTo(HttpStatusCode.InternalServerError));
        await AssertInvariantAsync(null, answer, expected: null);
        Assert.That(faultFired, Is.True, "the fault was injected");
    }

    /// <summary>
    /// The process stops after each step of an upload followed by a replace (nothing of the request runs on, not even
    /// its clean-up), for 8 clients at once, each stopping at a different step; then a new process starts on the same
    /// database and store and sweeps.
    /// </summary>
    [Test]
    public async Task Crash_WhileEightClientsUploadAndReplace_LeavesNothingBrokenOrLeakedAfterRestartAndSweep()
    {
        var clients = new List<(HttpClient Client, Guid UserId)>();
        for (var i = 0; i < 8; i++)
        {
            var signedIn = await SignedInWithIdAsync();
            await AttachedPictureAsync(signedIn.Client, red: 20 + i);
            clients.Add(signedIn);
        }

        var stopAt = clients.Select((c, i) => (c.UserId, Step: i + 1)).ToDictionary(c => c.UserId, c => c.Step);
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<Guid, int>();
        faults.AfterStep = step => step.UserId is { } user && stopAt.TryGetValue(user, out var at)
            && counts.AddOrUpdate(user, 1, (_, n) => n + 1) == at
                ? faults.StopHere(step)
                : Task.CompletedTask;

        var running = clients.Select((c, i) => UploadAndAttachAsync(c.Client, 40 + i)).ToList();
        foreach (var ((_, userId), request) in clients.Zip(running))
        {
            // Each client's request either stopped where the process "died" or finished before its stopping point.
            await Task.WhenAny(request, faults.StoppedFor(userId)).WaitAsync(TimedAnswer.Patience);
        }

        factory = await factory.RestartAsync();
        var before = await LifecycleInvariant.ReadAsync(factory);
        await LifecycleInvariant.SweepAfterEveryLifetimeAsync(factory);
        var after = await LifecycleInvariant.ReadAsync(factory);

        LifecycleFigures.Record("process stopped while 8 clients upload and attach", backend, new TimedAnswer(0, TimeSpan.Zero, null), before, after);
        Assert.That(before.BrokenReferences(), Is.Empty, "after the restart, before any sweep");
        Assert.That(after.BrokenReferences(), Is.Empty, "after the sweep");
        Assert.That(after.OrphansAfterSweep(), Is.Empty, "after the sweep, only attached pictures' objects are left");
        Assert.That(after.UnreferencedRecords(), Is.Empty);
        Assert.That(after.Referenced, Has.Count.EqualTo(8), "every client still shows a picture, the old or the new one");
    }

    /// <summary>The process stops after each step of a delete, then a new one starts and sweeps.</summary>
    [Test]
    public async Task Crash_DuringDelete_LeavesNothingBrokenOrLeakedAfterRestartAndSweep([Range(1, 3)] int step)
    {
        var (client, userId) = await SignedInWithIdAsync();
        await AttachedPictureAsync(client);
        var count = 0;
        faults.AfterStep = s => s.UserId == userId && Interlocked.Increment(ref count) == step ? faults.StopHere(s) : Task.CompletedTask;

        var request = client.DeleteAsync("/api/profile/picture");
        await Task.WhenAny(request, faults.StoppedFor(userId)).WaitAsync(TimedAnswer.Patience);

        factory = await factory.RestartAsync();
        var before = await LifecycleInvariant.ReadAsync(factory);
        await LifecycleInvariant.SweepAfterEveryLifetimeAsync(factory);
        var after = await LifecycleInvariant.ReadAsync(factory);

        Assert.That(before.BrokenReferences(), Is.Empty);
        Assert.That(after.OrphansAfterSweep(), Is.Empty);
        Assert.That(after.UnreferencedRecords(), Is.Empty);
    }

    /// <summary>The sweep itself stops between deleting an object and its record; the next sweep, in a new process, finishes.</summary>
    [Test]
    public async Task Crash_DuringTheSweep_IsFinishedByTheNextSweep()
    {
        var client = await SignedInAsync();
        await client.UploadOkAsync(TestImages.Png(red: 7)); // never attached
        faults.AfterStep = s => s is { Operation: "delete", UserId: null } ? faults.StopHere(s) : Task.CompletedTask;
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var sweep = SweepInBackground(factory);
        await Task.WhenAny(sweep, faults.StoppedFor(Guid.Empty)).WaitAsync(TimedAnswer.Patience);

        factory = await factory.RestartAsync();
        var before = await LifecycleInvariant.ReadAsync(factory);
        await LifecycleInvariant.SweepAfterEveryLifetimeAsync(factory);
        var after = await LifecycleInvariant.ReadAsync(factory);

        Assert.That(before.Objects, Has.Count.EqualTo(1), "the sweep stopped after the first of two deletes");
        Assert.That(after.Objects, Is.Empty);
        Assert.That(after.Uploads, Is.Empty);
    }

    private static Task SweepInBackground(ApiFactory app) => Task.Run(async () =>
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepOrphanedUploadsCommand());
    });

    private static async Task<HttpResponseMessage> UploadAndAttachAsync(HttpClient client, int red)
    {
        using var upload = await Upload(client, red, CancellationToken.None);
        if (!upload.IsSuccessStatusCode)
        {
            return upload;
        }

        var key = (await upload.ReadJsonAsync())["s3Key"]!.GetValue<string>();
        return await client.PutAsJsonAsync("/api/profile/update", new { profile_picture_url = key });
    }

    /// <summary>
    /// Records the figures, then asserts: the status (when given) and the time to answer; the invariant as left by the
    /// request; then, with the dependencies healed and every lifetime passed, the invariant after one sweep.
    /// </summary>
    private async Task AssertInvariantAsync(string? @case, TimedAnswer answer, HttpStatusCode? expected)
    {
        var before = await LifecycleInvariant.ReadAsync(factory);
        faults.BeforeStep = null;
        faults.AfterStep = null;
        storeDown = false;
        await LifecycleInvariant.SweepAfterEveryLifetimeAsync(factory);
        var after = await LifecycleInvariant.ReadAsync(factory);
        if (@case is not null)
        {
            LifecycleFigures.Record(@case, backend, answer, before, after);
        }

        Assert.Multiple(() =>
        {
            if (expected is { } status)
            {
                Assert.That(answer.Status, Is.EqualTo(status), "the status the client got");
            }

            if (answer.Status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.That(answer.RetryAfter, Is.Not.Null, "503 carries Retry-After");
            }

            Assert.That(answer.Elapsed, Is.LessThan(AnswerWithin), "answered within the deadline");
            Assert.That(before.BrokenReferences(), Is.Empty, "no profile references a missing object, before the sweep");
            Assert.That(after.BrokenReferences(), Is.Empty, "nor after it");
            Assert.That(after.OrphansAfterSweep(), Is.Empty, "after the sweep every object belongs to an attached upload");
            Assert.That(after.UnreferencedRecords(), Is.Empty, "and every record left is attached");
        });
    }

    /// <summary>Answers to the store's <paramref name="method"/> requests for the picture or its thumbnail are lost after the work was done.</summary>
    private void LoseAnswers(string method, bool thumbnail, bool thenDown)
    {
        if (factory.StoreProxy is { } proxy)
        {
            proxy.CutAnswerTo(
                line =>
                {
                    var hit = line.StartsWith(method + " ", StringComparison.Ordinal)
                        && line.Contains("_thumb", StringComparison.Ordinal) == thumbnail;
                    faultFired |= hit;
                    return hit;
                },
                thenDown);
            return;
        }

        var operation = method == "PUT" ? "put" : "delete";
        faults.BeforeStep = (step, _) => storeDown && step is { Operation: "put" or "delete" or "exists" } ? throw StepFaults.Outage() : Task.CompletedTask;
        faults.AfterStep = step =>
        {
            if (step.Operation == operation && step.IsThumbnail == thumbnail)
            {
                faultFired = true;
                storeDown |= thenDown;
                throw StepFaults.Outage();
            }

            return Task.CompletedTask;
        };
    }

    private void StoreCrawls()
    {
        if (factory.StoreProxy is { } proxy)
        {
            proxy.ResponseDelay = Crawl;
            return;
        }

        faults.BeforeStep = (step, token) => step.Operation is "put" or "delete" or "exists" ? Task.Delay(Crawl, token) : Task.CompletedTask;
    }

    private void StoreHangs()
    {
        if (factory.StoreProxy is { } proxy)
        {
            proxy.Mode = ProxyMode.Hang;
            return;
        }

        faults.BeforeStep = (step, token) => step.Operation is "put" or "delete" or "exists" ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask;
    }

    private void StoreDown()
    {
        if (factory.StoreProxy is { } proxy)
        {
            proxy.Mode = ProxyMode.Refuse;
            return;
        }

        faults.BeforeStep = (step, _) => step.Operation is "put" or "delete" or "exists" ? throw StepFaults.Outage() : Task.CompletedTask;
    }

    /// <summary>The user's <paramref name="step"/>-th call to the store or the unit of work fails once.</summary>
    private void FailStep(Guid userId, int step, bool afterTheSideEffect)
    {
        var count = 0;
        bool Hit(Step s) => s.UserId == userId && Interlocked.Increment(ref count) == step;
        Exception Failure(Step s) => s.Operation == "save"
            ? new Application.Common.Exceptions.DependencyUnavailableException("database", new IOException("fault injected by the test"))
            : StepFaults.Outage();
        if (afterTheSideEffect)
        {
            faults.AfterStep = s =>
            {
                if (Hit(s))
                {
                    faultFired = true;
                    throw Failure(s);
                }

                return Task.CompletedTask;
            };
        }
        else
        {
            faults.BeforeStep = (s, _) =>
            {
                if (Hit(s))
                {
                    faultFired = true;
                    throw Failure(s);
                }

                return Task.CompletedTask;
            };
        }
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, int red, CancellationToken token)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(red: (byte)red));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        return client.PostAsync("/api/profile/upload-picture", form, token);
    }

    private async Task<HttpClient> SignedInAsync() => (await SignedInWithIdAsync()).Client;

    private async Task<(HttpClient Client, Guid UserId)> SignedInWithIdAsync()
    {
        var client = factory.CreateClient();
        client.Timeout = TimedAnswer.Patience + TimeSpan.FromSeconds(5);
        client.WithToken(await client.RegisterAsync());
        return (client, Guid.Parse((await client.GetProfileAsync())["user_id"]!.GetValue<string>()));
    }

    private static async Task<string> AttachedPictureAsync(HttpClient client, int red = 1)
    {
        var key = (await client.UploadOkAsync(TestImages.Png(red: (byte)red)))["s3Key"]!.GetValue<string>();
        using var attach = await client.UpdateProfileAsync(new { profile_picture_url = key });
        Assert.That(attach.StatusCode, Is.EqualTo(HttpStatusCode.OK), await attach.Content.ReadAsStringAsync());
        return key;
    }
}
