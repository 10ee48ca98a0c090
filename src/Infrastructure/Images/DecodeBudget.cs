namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// One budget of decode memory for the process (<c>Pictures:DecodeMemoryBudget</c>): a decode is admitted when its
/// estimate fits beside those running, otherwise it waits its turn, first come first served, so a large picture is not
/// overtaken forever by small ones. What no decode could ever fit is refused before it queues.
/// </summary>
internal sealed class DecodeBudget(long capacity)
{
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> queue = [];
    private long inUse;

    public long Capacity => capacity;

    /// <summary>Bytes of the decodes admitted now (for tests and diagnostics).</summary>
    public long InUse
    {
        get
        {
            lock (gate)
            {
                return inUse;
            }
        }
    }

    /// <summary>The largest total ever admitted at once (for tests and diagnostics).</summary>
    public long Peak { get; private set; }

    /// <summary>Waits until <paramref name="bytes"/> fit, then holds them until the reservation is disposed.</summary>
    public async Task<IDisposable> AdmitAsync(long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, capacity);
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            if (queue.Count == 0 && inUse + bytes <= capacity)
            {
                Take(bytes);
                return new Reservation(this, bytes);
            }

            waiter = new Waiter(bytes);
            node = queue.AddLast(waiter);
        }

        using (cancellationToken.Register(() => Abandon(node)))
        {
            await waiter.Admitted.Task.ConfigureAwait(false);
        }

        return new Reservation(this, bytes);
    }

    private void Take(long bytes)
    {
        inUse += bytes;
        Peak = Math.Max(Peak, inUse);
    }

    private void Release(long bytes)
    {
        List<Waiter> admitted;
        lock (gate)
        {
            inUse -= bytes;
            admitted = AdmitWaiting();
        }

        admitted.ForEach(w => w.Admitted.TrySetResult());
    }

    private void Abandon(LinkedListNode<Waiter> node)
    {
        List<Waiter> admitted;
        lock (gate)
        {
            if (node.List is null)
            {
                return; // admitted meanwhile: the caller goes on and releases as usual
            }

            queue.Remove(node);
            admitted = AdmitWaiting(); // whoever waited behind it may fit now
        }

        node.Value.Admitted.TrySetCanceled();
        admitted.ForEach(w => w.Admitted.TrySetResult());
    }

    /// <summary>Admits from the head of the queue while the head fits. Called under the lock.</summary>
    private List<Waiter> AdmitWaiting()
    {
        var admitted = new List<Waiter>();
        while (queue.First is { } head && inUse + head.Value.Bytes <= capacity)
        {
            queue.RemoveFirst();
            Take(head.Value.Bytes);
            admitted.Add(head.Value);
        }

        return admitted;
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes => bytes;

        public TaskCompletionSource Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Reservation(DecodeBudget budget, long bytes) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
