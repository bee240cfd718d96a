namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// Says "new lineage committed" to whoever waits (the guard's alerter), so it judges a run within moments of its event's
/// 201 instead of at its next poll. A pulse while nobody waits is kept once; the durable record is the GuardPending row.
/// </summary>
public sealed class LineageSignal : IDisposable
{
    private readonly SemaphoreSlim _pulses = new(0, 1);

    public void Pulse()
    {
        try
        {
            _pulses.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the waiter reads everything pending when it wakes.
        }
    }

    /// <summary>True when pulsed, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulses.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pulses.Dispose();
}
