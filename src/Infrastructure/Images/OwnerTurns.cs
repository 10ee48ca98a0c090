namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// At most one picture per owner is processed at a time: an owner's next upload waits for their previous one to
/// finish (really finish: a picture stopped at its deadline keeps its owner's turn until libvips has let go of it),
/// and only then joins the queue for memory and cores, so it never waits in front of anyone else's.
/// </summary>
internal sealed class OwnerTurns
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Turn> turns = [];

    public async Task<IDisposable> WaitAsync(Guid owner, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (gate)
        {
            if (!turns.TryGetValue(owner, out turn!))
            {
                turn = new Turn(this, owner);
                turns[owner] = turn;
            }

            turn.Users++;
        }

        try
        {
            await turn.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(turn);
            throw;
        }

        return new Held(turn);
    }

    private void Leave(Turn turn)
    {
        lock (gate)
        {
            if (--turn.Users == 0)
            {
                turns.Remove(turn.Owner);
                turn.Semaphore.Dispose();
            }
        }
    }

    private sealed class Turn(OwnerTurns turns, Guid owner)
    {
        public Guid Owner => owner;

        public OwnerTurns Turns => turns;

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Holders and waiters; guarded by the owner map's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Held(Turn turn) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                turn.Semaphore.Release();
                turn.Turns.Leave(turn);
            }
        }
    }
}
