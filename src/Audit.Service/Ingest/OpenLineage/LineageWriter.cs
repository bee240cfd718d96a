using System.Threading.Channels;
using Audit.Service.Data;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// Writes events posted one at a time in group commits: whatever is waiting when the database is free goes in
/// one transaction, and each caller's task completes only after that transaction has committed, so an event is
/// acknowledged only once it is durable. One writer also suits SQLite, which takes one writer at a time.
/// If a batch fails, its events are retried one by one, so one event the database refuses cannot fail others.
/// </summary>
public sealed class LineageWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Events per transaction at most: large enough to amortise a commit, small enough to answer fast.</summary>
    public const int MaxBatch = 256;

    private readonly Database _database;
    private readonly LineageStore _store;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;

    private readonly LineageSignal? _signal;

    public LineageWriter(Database database, LineageSignal? signal = null)
    {
        _database = database;
        _signal = signal;
        _store = new LineageStore(database);
        // Bounded: under overload, posters wait here (and time out) rather than the process filling memory.
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(MaxBatch * 16) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Completes when the event is committed: IsNew is false for an exact repeat.</summary>
    public async Task<LineageWrite> WriteAsync(LineageEvent ev, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(ev, new TaskCompletionSource<LineageWrite>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var one in batch)
                {
                    try
                    {
                        one.Done.TrySetResult((await WriteBatchAsync([one]))[0]);
                    }
                    catch (Exception ex)
                    {
                        one.Done.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task<LineageWrite[]> WriteBatchAsync(List<Pending> batch)
    {
        var results = new LineageWrite[batch.Count];
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = _store.Begin(connection, transaction))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = await session.WriteAsync(batch[i].Event);
            }
        }

        await transaction.CommitAsync();
        if (results.Any(r => r.IsNew))
        {
            _signal?.Pulse();
        }

        return results;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>For containers disposed synchronously (the CLI's): finishes what is queued, like <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Pending(LineageEvent Event, TaskCompletionSource<LineageWrite> Done);
}
