namespace Audit.Rules;

/// <summary>
/// The capture batches the evaluator passes over once, a row at a time and without a string per column: the worker and
/// config ids are character spans for the evaluator to look up, with a flag saying whether they differ from the row
/// before (a worker's batches are stored together, so they mostly repeat; any order gives the same findings). The scan reads
/// them from the database (its cursor derives from this); <see cref="BatchList"/> holds them in memory.
/// </summary>
public abstract class BatchRows : IAsyncDisposable
{
    public abstract ReadOnlySpan<char> WorkerId { get; }

    /// <summary>The worker differs from the previous row's (always true on the first row).</summary>
    public bool NewWorker { get; protected set; }

    public abstract ReadOnlySpan<char> ToolId { get; }

    public abstract ReadOnlySpan<char> ConfigVersion { get; }

    /// <summary>The (tool, version) pair differs from the previous row's (always true on the first row).</summary>
    public bool NewConfig { get; protected set; }

    public long DatasetId { get; protected set; }

    public DateTime CapturedFrom { get; protected set; }

    public DateTime CapturedTo { get; protected set; }

    public int ActiveMinutes { get; protected set; }

    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>One capture batch held in memory: what a proposed run would capture, or a test's facts.</summary>
public sealed record BatchRecord(string WorkerId, string ToolId, string ConfigVersion, long DatasetId, DateTime CapturedFrom, DateTime CapturedTo, int ActiveMinutes);

/// <summary>Batches held in memory, by worker and capture start as the database keeps them; a cutoff keeps the batches whose window closed before it, as the scan's query does.</summary>
public sealed class BatchList : BatchRows
{
    private readonly BatchRecord[] _rows;
    private int _next;
    private BatchRecord? _current;

    public BatchList(IEnumerable<BatchRecord> rows, DateTime? cutoff = null)
    {
        _rows = [.. rows.Where(r => cutoff is null || r.CapturedTo < cutoff)
            .OrderBy(r => r.WorkerId, StringComparer.Ordinal).ThenBy(r => r.CapturedFrom).ThenBy(r => r.ToolId, StringComparer.Ordinal).ThenBy(r => r.ConfigVersion, StringComparer.Ordinal)];
    }

    public override ReadOnlySpan<char> WorkerId => Current.WorkerId;

    public override ReadOnlySpan<char> ToolId => Current.ToolId;

    public override ReadOnlySpan<char> ConfigVersion => Current.ConfigVersion;

    private BatchRecord Current => _current ?? throw new InvalidOperationException("Read a row first.");

    public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next >= _rows.Length)
        {
            return ValueTask.FromResult(false);
        }

        var previous = _current;
        var row = _current = _rows[_next++];
        NewWorker = previous is null || !string.Equals(previous.WorkerId, row.WorkerId, StringComparison.Ordinal);
        NewConfig = previous is null || !string.Equals(previous.ToolId, row.ToolId, StringComparison.Ordinal) || !string.Equals(previous.ConfigVersion, row.ConfigVersion, StringComparison.Ordinal);
        DatasetId = row.DatasetId;
        CapturedFrom = row.CapturedFrom;
        CapturedTo = row.CapturedTo;
        ActiveMinutes = row.ActiveMinutes;
        return ValueTask.FromResult(true);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
