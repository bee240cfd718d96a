using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Audit.Service.Records;
using Audit.Service.Data;
using Audit.Rules;
using Dapper;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Scanning;

public sealed record ScanResult(
    long ScanId,
    DateOnly AsOf,
    bool UpdatedLiveFindings,
    long BatchesRead,
    TimeSpan Duration,
    IReadOnlyList<RuleSummary> Rules,
    ExposureRange Exposure,
    IReadOnlyList<ExposureLine> ExposureLines,
    IReadOnlyList<ScannedFinding> Findings,
    ExposureRange Grounded)
{
    /// <summary>Where the scan's time and allocation went, section by section (printed by `bench scan`).</summary>
    public IReadOnlyList<ScanStage> Profile { get; init; } = [];

    /// <summary>Per finding about data, the training sets and models its data reached and whether a purge has deleted it there.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DataHolding>> DataHeld { get; init; } = new Dictionary<string, IReadOnlyList<DataHolding>>();
}

/// <summary>One stretch of a scan: its wall time, the process's CPU time and what the process allocated meanwhile.</summary>
public sealed record ScanStage(string Name, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes);

/// <summary>Marks the end of each stretch of a scan; cheap enough to run on every scan.</summary>
internal sealed class ScanProfiler
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private TimeSpan _cpu = Environment.CpuUsage.TotalTime;
    private long _allocated = GC.GetTotalAllocatedBytes();

    public List<ScanStage> Sections { get; } = [];

    public void Mark(string name)
    {
        var now = _clock.Elapsed;
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes();
        Sections.Add(new ScanStage(name, now - _last, cpu - _cpu, allocated - _allocated));
        (_last, _cpu, _allocated) = (now, cpu, allocated);
    }
}

/// <summary>A finding as one scan saw it, with its exposure.</summary>
public sealed record ScannedFinding(FindingBuilder Finding, ChangeState Change, ExposureRange Exposure, IReadOnlyList<ExposureLine> ExposureLines);

/// <summary>
/// Runs every rule over the data as it stood on a date, in one pass over the capture batches, then writes
/// the result in one transaction: a scan that fails midway leaves the previous results as they were.
/// </summary>
public sealed class Scanner
{
    private readonly Database _database;
    private readonly AuditOptions _options;
    private readonly ExposureTable _exposureTable;
    private readonly TimeProvider _time;

    public Scanner(Database database, IOptions<AuditOptions> options, ExposureTable exposureTable, TimeProvider? time = null)
    {
        _database = database;
        _options = options.Value;
        _exposureTable = exposureTable;
        _time = time ?? TimeProvider.System;
    }

    public async Task<ScanResult> ScanAsync(DateOnly asOf, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        // Refused before anything is written: a scan of a day that has not come would become "latest" and make
        // every real scan after it history.
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (asOf > today)
        {
            throw new ScanRefusedException($"as-of {asOf:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, UTC): a scan can only judge what was known by a day that has come.");
        }

        var started = _time.GetUtcNow().UtcDateTime;
        var clock = Stopwatch.StartNew();
        var profiler = new ScanProfiler();
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            ScanSnapshot snapshot;
            Evaluation evaluation;
            IReadOnlyList<ExposureTheory> theories;
            var settings = _options.ToRuleSettings();

            // Everything the scan reads, in one read transaction: an import committing meanwhile is seen whole or not at all.
            await ExecuteAsync(connection, _database.Sql["ScanInput_BeginRead"], cancellationToken);
            try
            {
                snapshot = await SnapshotReader.ReadAsync(_database, connection, asOf, cancellationToken);
                profiler.Mark("load small tables");
                theories = await _exposureTable.ReadAsync(connection, asOf, cancellationToken);

                // None in force on an early day is fine; an empty table means nobody seeded it, and every exposure would read 0.
                if (theories.Count == 0 && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ExposureTheory") == 0)
                {
                    throw new InvalidOperationException($"The exposure table is empty: import it with `{Invocation.Command("import exposure-theories templates/exposure-theories.csv")}` (a new database gets it on its first migration).");
                }

                await using var batches = await BatchCursor.OpenAsync(_database, connection, snapshot.Cutoff, cancellationToken);
                evaluation = await Evaluator.EvaluateAsync(snapshot, batches, settings, theories, progress, profiler.Mark, cancellationToken);
            }
            finally
            {
                await EndReadAsync(connection);
            }

            var (graph, pass, findings) = (evaluation.Context.Graph, evaluation.Pass, evaluation.Findings);
            var model = new ExposureModel(theories, settings);
            var estimate = model.Estimate(findings, snapshot);
            foreach (var finding in findings)
            {
                var lines = estimate.PerFinding[finding.Key].Lines;
                finding.Evidence("exposure", JsonSerializer.SerializeToNode(lines.Select(l => new { theory = l.TheoryId, jurisdiction = l.Jurisdiction, units = l.Units, low = l.Low, high = l.High, capped = l.Capped, citation = l.Citation, conductFrom = l.ConductFrom, conductTo = l.ConductTo })));
            }

            var dataHeld = findings.Where(f => f.DataDays.Any()).ToDictionary(f => f.Key, f => DataHoldings.Of(f, graph, snapshot), StringComparer.Ordinal);
            var sections = ScanSections.Build(snapshot, graph, pass.WorkersByConfig(), pass.Batches, theories, model, _options, dataHeld);
            profiler.Mark("exposure and report sections");
            progress?.Report($"writing {findings.Count} findings");
            var result = await PersistAsync(connection, asOf, started, clock, pass, findings, estimate, model, snapshot, sections, profiler, cancellationToken);
            return result with { Profile = profiler.Sections, DataHeld = dataHeld };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(asOf, started, ex);
            throw;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the read transaction; after a failure it may already be gone, and the error that matters is the first one.</summary>
    private async Task EndReadAsync(DbConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, _database.Sql["ScanInput_EndRead"], CancellationToken.None);
        }
        catch (DbException)
        {
            // Nothing was written in it; closing the connection ends it too.
        }
    }

    private async Task<ScanResult> PersistAsync(
        DbConnection connection,
        DateOnly asOf,
        DateTime started,
        Stopwatch clock,
        PassResult pass,
        IReadOnlyList<FindingBuilder> findings,
        ExposureEstimate estimate,
        ExposureModel model,
        ScanSnapshot snapshot,
        IReadOnlyDictionary<string, string> sections,
        ScanProfiler profiler,
        CancellationToken cancellationToken)
    {
        var sql = _database.Sql;

        // Every row written below refers to the run and findings this transaction has just written itself; SQLite's
        // per-row foreign-key lookup added a third to writing a million affected-worker rows (the next open turns checks back on).
        await _database.SuspendForeignKeyChecksAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scanId = await connection.ExecuteScalarAsync<long>(sql["ScanRun_Insert"],
            new { AsOf = asOf, StartedAt = started, FinishedAt = (DateTime?)null, Status = "running", Summary = (string?)null }, transaction);
        var previousId = await connection.ExecuteScalarAsync<long?>(sql["ScanRun_GetPrevious"], new { AsOf = asOf, ScanId = scanId }, transaction);
        var previous = previousId is { } id
            ? (await connection.QueryAsync<ScanFindingRecord>(sql["ScanFinding_ReadByScan"], new { ScanId = id }, transaction))
                .Where(p => p.Change != "resolved").ToDictionary(p => p.FindingKey, StringComparer.Ordinal)
            : new Dictionary<string, ScanFindingRecord>(StringComparer.Ordinal);

        // A scan of the past never becomes "latest": only a scan as of the newest day updates the live findings.
        var isLatest = await connection.ExecuteScalarAsync<long>(sql["ScanRun_CountLater"], new { AsOf = asOf }, transaction) == 0;
        var live = OfficerStatus.Fold(await connection.QueryAsync<FindingStatusChange>(sql["FindingStatusChange_ReadUntil"], new { Until = DateTime.MaxValue.Date }, transaction));
        var firstAsOf = (await connection.QueryAsync<(string FindingKey, DateOnly FirstAsOf)>(sql["ScanFinding_ReadFirstAsOf"], new { AsOf = asOf }, transaction))
            .ToDictionary(f => f.FindingKey, f => f.FirstAsOf, StringComparer.Ordinal);
        var now = _time.GetUtcNow().UtcDateTime;

        var scanned = new List<ScannedFinding>();
        foreach (var finding in findings)
        {
            var (range, lines) = estimate.PerFinding[finding.Key];
            var change = previous.ContainsKey(finding.Key) ? ChangeState.Persisting : ChangeState.New;
            scanned.Add(new ScannedFinding(finding, change, range, lines));
            var identity = new { FindingKey = finding.Key, RuleCode = finding.Rule.ToString(), finding.SubjectKind, finding.SubjectKey, ScanId = scanId };
            await connection.ExecuteAsync(sql[isLatest ? "Finding_Upsert" : "Finding_InsertIfMissing"], identity, transaction);
            if (!live.TryGetValue(finding.Key, out var status))
            {
                await connection.ExecuteAsync(sql["FindingStatusChange_Insert"], new FindingStatusChange
                {
                    FindingKey = finding.Key, Status = "open", ChangedBy = "scan", ChangedAt = now, Note = $"First found by scan {scanId} as of {asOf:yyyy-MM-dd}.", ScanId = scanId,
                }, transaction);
            }
            else if (isLatest && Reopening(status, scanId, asOf, DateOnly.FromDateTime(now)) is { } why)
            {
                // domain.md, "Findings that come back": the officer resolved it, the newest scan sees it again; and an
                // accepted risk whose last day has passed is open again. The owner stays; the due day starts again.
                await FindingStatusService.AppendAsync(_database, connection, transaction, new FindingStatusChange
                {
                    FindingKey = finding.Key, Status = "open", ChangedBy = "scan", ChangedAt = now, Note = why, ScanId = scanId, Owner = status.Owner,
                });
            }

            // Findings about a setting carry no capture dates: they are dated by the scans that saw them.
            var firstSeen = finding.FirstSeen ?? (firstAsOf.TryGetValue(finding.Key, out var first) && first < asOf ? first : asOf).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var lastSeen = finding.LastSeen ?? asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var figures = finding.Figures;
            await connection.ExecuteAsync(sql["ScanFinding_Insert"], new
            {
                ScanId = scanId,
                FindingKey = finding.Key,
                RuleCode = finding.Rule.ToString(),
                finding.SubjectKind,
                finding.SubjectKey,
                SubjectName = SubjectName(finding, snapshot),
                Severity = finding.Severity.ToString(),
                finding.Title,
                Change = FindingCodes.ToCode(change),
                Evidence = finding.EvidenceJson(),
                FirstSeen = firstSeen,
                LastSeen = lastSeen,
                AffectedWorkerCount = finding.Workers.Count,
                finding.Batches,
                finding.ActiveMinutes,
                figures.BatchesReachingTraining,
                figures.CompensatedContributors,
                figures.UncompensatedHours,
                figures.BenchmarkRate,
                figures.ReplacementValueLow,
                figures.ReplacementValueHigh,
                figures.CommercialModels,
                ExposureLow = range.Low,
                ExposureHigh = range.High,
            }, transaction);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                await connection.ExecuteAsync(sql["ScanExposureLine_Insert"], new
                {
                    ScanId = scanId,
                    FindingKey = finding.Key,
                    Position = i + 1,
                    line.TheoryId,
                    line.Jurisdiction,
                    line.Unit,
                    line.Units,
                    line.Low,
                    line.High,
                    line.Citation,
                    line.Capped,
                    line.ConductFrom,
                    line.ConductTo,
                }, transaction);
            }
        }

        // What the previous scan saw and this one does not: recorded as it was last seen, marked resolved.
        var current = findings.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var resolved = previous.Values.Where(p => !current.Contains(p.FindingKey)).OrderBy(p => p.FindingKey, StringComparer.Ordinal).ToList();
        foreach (var gone in resolved)
        {
            gone.ScanId = scanId;
            gone.Change = FindingCodes.ToCode(ChangeState.Resolved);
            await connection.ExecuteAsync(sql["ScanFinding_Insert"], gone, transaction);
            if (isLatest)
            {
                await connection.ExecuteAsync(sql["Finding_Resolve"], new { gone.FindingKey, ScanId = scanId }, transaction);
            }
        }

        profiler.Mark("save findings");
        await StageWriter.AppendAsync(_database, connection, transaction, "ScanFindingWorker",
            ["ScanId", "FindingKey", "WorkerId", "Locations", "Quantity", "Batches", "FirstCapture", "LastCapture", "ConsentState"],
            AffectedWorkerRows(scanId, findings, snapshot, pass), cancellationToken);
        foreach (var (name, content) in sections)
        {
            await connection.ExecuteAsync(sql["ScanSection_Insert"], new { ScanId = scanId, Name = name, Content = content }, transaction);
        }

        profiler.Mark("save affected workers");
        var summaries = Summarise(findings, scanned, resolved, model, snapshot);
        var result = new ScanResult(scanId, asOf, isLatest, pass.Batches, clock.Elapsed, summaries, estimate.Total, estimate.Lines, scanned, estimate.Grounded);
        await connection.ExecuteAsync(sql["ScanRun_Complete"],
            new { FinishedAt = _time.GetUtcNow().UtcDateTime, Summary = new ScanSummary(summaries, estimate.Total, estimate.Lines, pass.Batches, findings.SelectMany(f => f.Workers.Keys).Distinct().Count(), estimate.Grounded).ToJson(), ScanId = scanId }, transaction);
        profiler.Mark("summary");
        await transaction.CommitAsync(cancellationToken);
        profiler.Mark("commit");
        return result;
    }

    /// <summary>What a report calls the subject: a program's name, a tool's name (for a config, its tool), a dataset's name.</summary>
    /// <summary>Why the newest scan reopens a finding it sees: resolved by the officer, or accepted until a day now past; null to leave it.</summary>
    private static string? Reopening(OfficerStatus status, long scanId, DateOnly asOf, DateOnly today) => status switch
    {
        { Status: FindingStatus.Resolved } => $"Reopened: scan {scanId} as of {asOf:yyyy-MM-dd} found it again after it was marked resolved.",
        { ExpiresOn: { } last } when status.AcceptanceExpired(today) =>
            $"Reopened: the accepted risk (approved by {status.Approver}) expired on {last:yyyy-MM-dd} and scan {scanId} as of {asOf:yyyy-MM-dd} still finds it.",
        _ => null,
    };

    /// <summary>The subject's name as a reader knows it; kinds share a prefix ("program-rationale", "config-drift").</summary>
    private static string? SubjectName(FindingBuilder finding, ScanSnapshot snapshot)
    {
        var kind = finding.SubjectKind;
        if (kind.StartsWith("program", StringComparison.Ordinal))
        {
            return snapshot.Programs.TryGetValue(finding.SubjectKey, out var p) ? p.Name : finding.SubjectKey;
        }

        if (kind == "tool")
        {
            return snapshot.ToolName(finding.SubjectKey);
        }

        return kind.StartsWith("config", StringComparison.Ordinal) && snapshot.Configs.Values.FirstOrDefault(c => c.Key == finding.SubjectKey) is { } c
            ? snapshot.ToolName(c.ToolId)
            : null;
    }

    /// <summary>
    /// A row per affected worker and finding: about a million at 100,000 workers, so each row is made with as little
    /// as it can (a worker's one place is its code as stored, a notice's purposes are spelled once per notice).
    /// </summary>
    private static IEnumerable<object?[]> AffectedWorkerRows(long scanId, IReadOnlyList<FindingBuilder> findings, ScanSnapshot snapshot, PassResult pass)
    {
        var configsByKey = pass.Configs.Select((c, i) => (c, i)).ToDictionary(x => x.c.Key, x => (Config: x.c, Id: x.i), StringComparer.Ordinal);

        // Workers in WorkerId order (ordinal), ranked once, so each finding sorts integers rather than strings.
        var rank = new int[snapshot.WorkersByIndex.Count];
        var byId = snapshot.WorkersByIndex.OrderBy(w => w.WorkerId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < byId.Count; i++)
        {
            rank[byId[i].Index] = i;
        }

        var naming = new Labels<NoticeInfo>(static n => Domain.Codes.ToCodeSet(n.Purposes).Replace(";", ", ", StringComparison.Ordinal), ReferenceEqualityComparer.Instance);
        object boxedScanId = scanId;
        foreach (var finding in findings)
        {
            // Consent findings are per config: the consent-gap sheet shows each worker's batches under it and what they had acknowledged.
            var consent = finding.SubjectKind == "config" && finding.Rule is RuleCode.R2 or RuleCode.R3 && configsByKey.TryGetValue(finding.SubjectKey, out var c) ? c : default;

            // In key order (findings already are), so the rows append to the record's clustered key.
            var indexes = new int[finding.Workers.Count];
            var ranks = new int[indexes.Length];
            var n = 0;
            foreach (var index in finding.Workers.Keys)
            {
                (indexes[n], ranks[n]) = (index, rank[index]);
                n++;
            }

            Array.Sort(ranks, indexes);
            foreach (var index in indexes)
            {
                var hit = finding.Workers[index];
                var worker = snapshot.WorkersByIndex[index];
                object? batches = null, first = null, last = null, state = null;
                if (consent.Config is not null && pass.Stats(index, consent.Id) is { } stats)
                {
                    batches = stats.Batches;
                    first = stats.First;
                    last = stats.Last;
                    state = ConsentState(worker, consent.Config, stats.Last, finding.Rule, naming);
                }

                yield return [boxedScanId, finding.Key, worker.WorkerId, Locations(hit), hit.Quantity == 0 ? null : Math.Round(hit.Quantity, 4), batches, first, last, state];
            }
        }
    }

    /// <summary>Every place the worker was at when captured, ';'-separated, in the order first seen; null when none is known.</summary>
    private static string? Locations(WorkerHit hit) => hit.LocationCount switch
    {
        0 => null,
        1 => hit.LocationAt(0).Code,
        _ => string.Join(';', Enumerable.Range(0, hit.LocationCount).Select(i => hit.LocationAt(i).Code)),
    };

    /// <summary>What the worker had acknowledged for the config by their last capture under it, in a sentence.</summary>
    private static string ConsentState(WorkerInfo worker, ConfigInfo config, DateTime lastCapture, RuleCode rule, Labels<NoticeInfo> naming)
    {
        var notice = worker.LatestNoticeAt(config, lastCapture);
        var state = notice is null
            ? "No notice for this tool acknowledged"
            : $"Acknowledged {notice.Notice.NoticeId} on {notice.At:yyyy-MM-dd}, naming {naming[notice.Notice]}";
        if (rule == RuleCode.R3 && worker.FirstAiTrainingNotice(config) is { } later)
        {
            state += $"; AI-training notice {later.Notice.NoticeId} acknowledged only on {later.At:yyyy-MM-dd}";
        }

        return state;
    }

    private static List<RuleSummary> Summarise(IReadOnlyList<FindingBuilder> findings, List<ScannedFinding> scanned, List<ScanFindingRecord> resolved, ExposureModel model, ScanSnapshot snapshot)
    {
        var summaries = new List<RuleSummary>();
        foreach (var rule in Enum.GetValues<RuleCode>())
        {
            var ofRule = findings.Where(f => f.Rule == rule).ToList();
            var estimate = model.Estimate(ofRule, snapshot);
            var exposure = estimate.Total;
            summaries.Add(new RuleSummary(
                rule,
                ofRule.Count,
                ofRule.SelectMany(f => f.Workers.Keys).Distinct().Count(),
                scanned.Count(s => s.Finding.Rule == rule && s.Change == ChangeState.New),
                resolved.Count(r => r.RuleCode == rule.ToString()),
                exposure.Low,
                exposure.High,
                estimate.Grounded.Low,
                estimate.Grounded.High));
        }

        return summaries;
    }

    private async Task RecordFailureAsync(DateOnly asOf, DateTime started, Exception error)
    {
        try
        {
            await using var connection = await _database.OpenAsync();
            await connection.ExecuteScalarAsync<long>(_database.Sql["ScanRun_Insert"],
                new { AsOf = asOf, StartedAt = started, FinishedAt = (DateTime?)_time.GetUtcNow().UtcDateTime, Status = "failed", Summary = JsonSerializer.Serialize(new { error = error.Message }) });
        }
        catch (DbException)
        {
            // The database itself is what failed; the caller still gets the original error.
        }
    }
}

/// <summary>A scan the caller must not ask for (an as-of date after today): nothing was read or written.</summary>
public sealed class ScanRefusedException(string message) : Exception(message);

