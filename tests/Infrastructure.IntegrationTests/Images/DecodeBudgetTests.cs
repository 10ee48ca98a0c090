using CleanProfiles.Infrastructure.Images;

namespace CleanProfiles.Infrastructure.IntegrationTests.Images;

public sealed class DecodeBudgetTests
{
    [Test]
    public async Task AdmitAsync_WhatFits_IsAdmittedAtOnce_WhatDoesNotWaitsForARelease()
    {
        var budget = new DecodeBudget(100);
        using var first = await budget.AdmitAsync(60, CancellationToken.None);

        var second = budget.AdmitAsync(60, CancellationToken.None);
        await Task.Delay(50);
        Assert.That(second.IsCompleted, Is.False, "60 + 60 is over 100");

        first.Dispose();
        using var admitted = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That((budget.InUse, budget.Peak), Is.EqualTo((60L, 60L)));
    }

    [Test]
    public async Task AdmitAsync_FirstComeFirstServed_ASmallOneDoesNotOvertakeAWaitingLargeOne()
    {
        var budget = new DecodeBudget(100);
        var running = await budget.AdmitAsync(50, CancellationToken.None);
        var large = budget.AdmitAsync(80, CancellationToken.None);
        var small = budget.AdmitAsync(10, CancellationToken.None);
        await Task.Delay(50);

        Assert.That((large.IsCompleted, small.IsCompleted), Is.EqualTo((false, false)), "the small one would fit, but waits its turn");
        running.Dispose();
        using var l = await large.WaitAsync(TimeSpan.FromSeconds(5));
        using var s = await small.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(budget.InUse, Is.EqualTo(90));
    }

    [Test]
    public async Task AdmitAsync_CancelledWhileWaiting_LeavesTheQueueAndLetsTheNextIn()
    {
        var budget = new DecodeBudget(100);
        var running = await budget.AdmitAsync(50, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var abandoned = budget.AdmitAsync(80, cancel.Token);
        var next = budget.AdmitAsync(40, CancellationToken.None);

        await cancel.CancelAsync();

        Assert.That(async () => await abandoned, Throws.InstanceOf<OperationCanceledException>());
        using var admitted = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(budget.InUse, Is.EqualTo(90));
        running.Dispose();
        Assert.That(budget.InUse, Is.EqualTo(40));
    }

    [Test]
    public void AdmitAsync_MoreThanTheWholeBudget_IsACallerError() =>
        Assert.That(async () => await new DecodeBudget(100).AdmitAsync(101, CancellationToken.None), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
