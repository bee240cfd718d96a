using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Security;

/// <summary>
/// What the API records, one method per kind of act, so every route writes the same fields the same way.
/// Lineage posts are too many to log one by one: they are counted per key per minute and written when the
/// minute is over (and whatever is left at shutdown).
/// </summary>
public sealed class AuditTrail : IAsyncDisposable, IDisposable
{
    private readonly AuditLog _log;
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Who, Role Role, DateTime Minute), PostTally> _posts = new();
    private readonly ITimer _flusher;

    public AuditTrail(AuditLog log, Database database, TimeProvider? time = null)
    {
        _log = log;
        _database = database;
        _time = time ?? TimeProvider.System;
        _flusher = _time.CreateTimer(_ => _ = FlushAsync(all: false), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    /// <summary>A file served: its SHA-256 is of the very bytes sent (see <see cref="Sha256Async(Stream, CancellationToken)"/>).</summary>
    public Task DownloadAsync(Caller caller, string request, string file, string sha256, CancellationToken cancellationToken = default) =>
        _log.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.Download, file, null, request, sha256), cancellationToken);

    public Task ExportRequestedAsync(Caller caller, string request, string exportId, string scope, CancellationToken cancellationToken = default) =>
        _log.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.ExportRequest, $"export {exportId}", scope, request), cancellationToken);

    public Task PurgeScopeRequestedAsync(Caller caller, string request, string scopeId, string scope, CancellationToken cancellationToken = default) =>
        _log.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.ExportRequest, $"purge-scope {scopeId}", scope, request), cancellationToken);

    /// <summary>A finding's status, owner or due day changed; <paramref name="change"/> says to what, in words.</summary>
    public Task StatusChangedAsync(Caller caller, string request, string findingKey, string change, CancellationToken cancellationToken = default) =>
        _log.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.StatusChange, $"finding {findingKey}", change, request), cancellationToken);

    public Task ImportedAsync(Caller caller, string request, string kind, string file, string outcome, CancellationToken cancellationToken = default) =>
        _log.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.Import, $"{kind} {file}", outcome, request), cancellationToken);

    /// <summary>Counts one lineage post by its HTTP status; written per key per minute.</summary>
    public void LineagePosted(Caller caller, int status, bool repeat = false)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        _posts.GetOrAdd((caller.Name, caller.Role, minute), _ => new PostTally()).Add(status, repeat);
    }

    /// <summary>Writes the tallies of minutes that are over (or all of them, at shutdown).</summary>
    public async Task FlushAsync(bool all = true, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var key in _posts.Keys.Where(k => all || k.Minute.AddMinutes(1) <= now).OrderBy(k => k.Minute).ToList())
        {
            if (_posts.TryRemove(key, out var tally))
            {
                await _log.AppendAsync(new AuditEntry(key.Who, key.Role.Code(), AuditActions.LineagePost,
                    key.Minute.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), tally.Describe(), "POST /api/v1/lineage"), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditRecord>(_database.Sql["AuditLog_List"], new { query.Since, query.Until, query.Actor, query.Action, query.Role, query.Limit, query.Before, query.Subject })).ToList();
    }

    /// <summary>SHA-256 of a stream's bytes from where it stands, as lowercase hex.</summary>
    public static async Task<string> Sha256Async(Stream content, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        await _flusher.DisposeAsync();
        await FlushAsync(all: true);
    }

    /// <summary>For containers disposed synchronously (the CLI's): the same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class PostTally
    {
        private readonly ConcurrentDictionary<int, int> _byStatus = new();
        private int _repeats;

        public void Add(int status, bool repeat)
        {
            _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (repeat)
            {
                Interlocked.Increment(ref _repeats);
            }
        }

        public string Describe()
        {
            var total = _byStatus.Values.Sum();
            var parts = _byStatus.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} × {p.Key}"));
            return string.Create(CultureInfo.InvariantCulture, $"{total} events: {string.Join(", ", parts)}{(_repeats > 0 ? $" ({_repeats} exact repeats)" : string.Empty)}");
        }
    }
}
