using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Exposure;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Rules;

public sealed record RuleSummary(RuleCode Rule, int Findings, int AffectedWorkers, int New, int Resolved, decimal ExposureLow, decimal ExposureHigh);

/// <summary>What a scan stores in ScanRun.Summary: enough to print trends and headline figures without re-scanning.</summary>
public sealed record ScanSummary(IReadOnlyList<RuleSummary> Rules, ExposureRange Exposure, IReadOnlyList<ExposureLine> Lines, long Batches, int AffectedWorkers)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ScanSummary FromJson(string json) => JsonSerializer.Deserialize<ScanSummary>(json, Json)
        ?? throw new InvalidOperationException("A scan summary is empty.");
}

public sealed record ScanResult(
    long ScanId,
    DateOnly AsOf,
    bool UpdatedLiveFindings,
    long BatchesRead,
    TimeSpan Duration,
    IReadOnlyList<RuleSummary> Rules,
    ExposureRange Exposure,
    IReadOnlyList<ExposureLine> ExposureLines,
    IReadOnlyList<ScannedFinding> Findings);

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

    public Scanner(Database database, IOptions<AuditOptions> options, ExposureTable exposureTable)
    {
        _database = database;
        _options = options.Value;
        _exposureTable = exposureTable;
    }

    public async Task<ScanResult> ScanAsync(DateOnly asOf, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            await _exposureTable.EnsureLoadedAsync(cancellationToken);
            await using var connection = await _database.OpenAsync(cancellationToken);
            var snapshot = await ScanSnapshot.LoadAsync(_database, connection, asOf, cancellationToken);
            var graph = new LineageGraph(snapshot.Datasets, snapshot.Edges);
            var theories = await _exposureTable.ReadAsync(connection, asOf, cancellationToken);
            var context = new ScanContext(snapshot, graph, _options, theories);
            var rules = AuditRules.Create();
            foreach (var rule in rules)
            {
                rule.Prepare(context);
            }

            progress?.Report("reading capture batches");
            var batches = await PassOverBatchesAsync(connection, snapshot, graph, rules, progress, cancellationToken);
            var findings = rules.SelectMany(r => r.Complete(context)).OrderBy(f => f.Rule).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
            var model = new ExposureModel(theories, _options);
            var estimate = model.Estimate(findings, snapshot);
            foreach (var finding in findings)
            {
                var lines = estimate.PerFinding[finding.Key].Lines;
                finding.Evidence("exposure", JsonSerializer.SerializeToNode(lines.Select(l => new { theory = l.TheoryId, jurisdiction = l.Jurisdiction, units = l.Units, low = l.Low, high = l.High, capped = l.Capped, citation = l.Citation, conductFrom = l.ConductFrom, conductTo = l.ConductTo })));
            }

            progress?.Report($"writing {findings.Count} findings");
            return await PersistAsync(connection, asOf, started, clock, batches, findings, estimate, model, snapshot, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(asOf, started, ex);
            throw;
        }
    }

    private async Task<long> PassOverBatchesAsync(
        DbConnection connection,
        ScanSnapshot snapshot,
        LineageGraph graph,
        IReadOnlyList<IAuditRule> rules,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _database.Sql["CaptureBatch_ReadForScan"];
        command.CommandTimeout = 0;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@Cutoff";
        parameter.Value = connection is Microsoft.Data.Sqlite.SqliteConnection ? StageWriter.ToSqlite(snapshot.Cutoff) : snapshot.Cutoff;
        command.Parameters.Add(parameter);

        var facts = new BatchFacts();
        var configs = new ConfigLookup(snapshot);
        long count = 0;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var workerId = reader.GetString(0);
            if (!snapshot.Workers.TryGetValue(workerId, out var worker) || configs.Find(reader.GetString(1), reader.GetString(2)) is not { } config)
            {
                continue;
            }

            var datasetId = reader.GetInt64(3);
            if (!snapshot.Datasets.TryGetValue(datasetId, out var dataset))
            {
                continue;
            }

            facts.Worker = worker;
            facts.Config = config;
            facts.Program = snapshot.ProgramOf(config);
            facts.Dataset = dataset;
            facts.CapturedFrom = ReadUtc(reader, 4);
            facts.CapturedTo = ReadUtc(reader, 5);
            facts.ActiveMinutes = reader.GetInt32(6);
            facts.Location = worker.LocationAt(DateOnly.FromDateTime(facts.CapturedFrom));
            facts.Training = graph.Training.TryGetValue(datasetId, out var training) && training.Carries(facts.CapturedFrom) ? training : null;
            facts.Commercial = graph.Commercial.TryGetValue(datasetId, out var commercial) && commercial.Carries(facts.CapturedFrom) ? commercial : null;
            facts.ViaSecurityStore = graph.ThroughSecurityStore.TryGetValue(datasetId, out var secure) && secure.Carries(facts.CapturedFrom) ? secure : null;
            foreach (var rule in rules)
            {
                rule.Observe(facts);
            }

            if ((++count & 0x3FFFF) == 0)
            {
                progress?.Report($"{count.ToString("N0", CultureInfo.InvariantCulture)} batches");
            }
        }

        return count;
    }

    /// <summary>SQLite hands back 'yyyy-MM-dd HH:mm:ss' text; parsing it by position is much cheaper than DateTime.Parse per batch.</summary>
    private static DateTime ReadUtc(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        if (value is DateTime dt)
        {
            return DateTime.SpecifyKind(dt, DateTimeKind.Utc);
        }

        var s = (string)value;
        if (s.Length >= 19 && s[4] == '-' && s[10] == ' ')
        {
            static int N(string t, int at, int length)
            {
                var n = 0;
                for (var i = at; i < at + length; i++)
                {
                    n = (n * 10) + (t[i] - '0');
                }

                return n;
            }

            return new DateTime(N(s, 0, 4), N(s, 5, 2), N(s, 8, 2), N(s, 11, 2), N(s, 14, 2), N(s, 17, 2), DateTimeKind.Utc);
        }

        return TypeHandlers.ToUtc(s);
    }

    private async Task<ScanResult> PersistAsync(
        DbConnection connection,
        DateOnly asOf,
        DateTime started,
        Stopwatch clock,
        long batches,
        List<FindingBuilder> findings,
        ExposureEstimate estimate,
        ExposureModel model,
        ScanSnapshot snapshot,
        CancellationToken cancellationToken)
    {
        var sql = _database.Sql;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scanId = await connection.ExecuteScalarAsync<long>(sql["ScanRun_Insert"],
            new { AsOf = asOf, StartedAt = started, FinishedAt = (DateTime?)null, Status = "running", Summary = (string?)null }, transaction);
        var previousId = await connection.ExecuteScalarAsync<long?>(sql["ScanRun_GetPrevious"], new { AsOf = asOf, ScanId = scanId }, transaction);
        var previous = previousId is { } id
            ? (await connection.QueryAsync<PreviousFinding>(sql["ScanFinding_GetActiveByScan"], new { ScanId = id }, transaction)).ToDictionary(p => p.FindingKey, StringComparer.Ordinal)
            : new Dictionary<string, PreviousFinding>(StringComparer.Ordinal);
        var isLatest = await connection.ExecuteScalarAsync<long>(sql["ScanRun_CountLater"], new { AsOf = asOf }, transaction) == 0;
        var existing = (await connection.QueryAsync<string>("SELECT FindingKey FROM Finding", transaction: transaction)).ToHashSet(StringComparer.Ordinal);

        var scanned = new List<ScannedFinding>();
        foreach (var finding in findings)
        {
            var (range, lines) = estimate.PerFinding[finding.Key];
            var change = previous.ContainsKey(finding.Key) ? ChangeState.Persisting : ChangeState.New;
            scanned.Add(new ScannedFinding(finding, change, range, lines));
            var row = new
            {
                FindingKey = finding.Key,
                RuleCode = finding.Rule.ToString(),
                finding.SubjectKind,
                finding.SubjectKey,
                Severity = finding.Severity.ToString(),
                finding.Title,
                AffectedWorkerCount = finding.Workers.Count,
                Evidence = finding.EvidenceJson(),
                finding.FirstSeen,
                finding.LastSeen,
                ExposureLow = range.Low,
                ExposureHigh = range.High,
                ScanId = scanId,
            };
            await connection.ExecuteAsync(sql[isLatest ? "Finding_Upsert" : "Finding_InsertIfMissing"], row, transaction);
            if (!existing.Contains(finding.Key))
            {
                await connection.ExecuteAsync(sql["FindingStatusChange_Insert"],
                    new { FindingKey = finding.Key, Status = "open", ChangedBy = "scan", ChangedAt = DateTime.UtcNow, Note = $"First found by scan {scanId} as of {asOf:yyyy-MM-dd}." }, transaction);
            }

            await connection.ExecuteAsync(sql["ScanFinding_Insert"], new
            {
                ScanId = scanId,
                FindingKey = finding.Key,
                RuleCode = finding.Rule.ToString(),
                Severity = finding.Severity.ToString(),
                Change = change == ChangeState.New ? "new" : "persisting",
                AffectedWorkerCount = finding.Workers.Count,
                ExposureLow = range.Low,
                ExposureHigh = range.High,
            }, transaction);
        }

        var current = findings.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var resolved = previous.Values.Where(p => !current.Contains(p.FindingKey)).OrderBy(p => p.FindingKey, StringComparer.Ordinal).ToList();
        foreach (var gone in resolved)
        {
            await connection.ExecuteAsync(sql["ScanFinding_Insert"], new
            {
                ScanId = scanId,
                gone.FindingKey,
                gone.RuleCode,
                gone.Severity,
                Change = "resolved",
                gone.AffectedWorkerCount,
                gone.ExposureLow,
                gone.ExposureHigh,
            }, transaction);
            if (isLatest)
            {
                await connection.ExecuteAsync(sql["Finding_Resolve"], new { gone.FindingKey, ScanId = scanId }, transaction);
            }
        }

        if (isLatest)
        {
            await connection.ExecuteAsync(sql["FindingWorker_DeleteByScan"], new { ScanId = scanId }, transaction);
            await StageWriter.WriteAsync(_database, connection, transaction, "FindingWorker", ["FindingKey", "WorkerId", "Location", "Quantity"],
                AffectedWorkerRows(findings, snapshot), cancellationToken);
        }

        var summaries = Summarise(findings, scanned, resolved, model, snapshot);
        var result = new ScanResult(scanId, asOf, isLatest, batches, clock.Elapsed, summaries, estimate.Total, estimate.Lines, scanned);
        await connection.ExecuteAsync(sql["ScanRun_Complete"],
            new { FinishedAt = DateTime.UtcNow, Summary = new ScanSummary(summaries, estimate.Total, estimate.Lines, batches, findings.SelectMany(f => f.Workers.Keys).Distinct().Count()).ToJson(), ScanId = scanId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static IEnumerable<object?[]> AffectedWorkerRows(List<FindingBuilder> findings, ScanSnapshot snapshot)
    {
        foreach (var finding in findings)
        {
            foreach (var (index, hit) in finding.Workers.OrderBy(w => w.Key))
            {
                yield return [finding.Key, snapshot.WorkersByIndex[index].WorkerId, hit.Locations().Select(l => l.Code).FirstOrDefault(), hit.Quantity == 0 ? null : Math.Round(hit.Quantity, 4)];
            }
        }
    }

    private static List<RuleSummary> Summarise(List<FindingBuilder> findings, List<ScannedFinding> scanned, List<PreviousFinding> resolved, ExposureModel model, ScanSnapshot snapshot)
    {
        var summaries = new List<RuleSummary>();
        foreach (var rule in Enum.GetValues<RuleCode>())
        {
            var ofRule = findings.Where(f => f.Rule == rule).ToList();
            var exposure = model.Estimate(ofRule, snapshot).Total;
            summaries.Add(new RuleSummary(
                rule,
                ofRule.Count,
                ofRule.SelectMany(f => f.Workers.Keys).Distinct().Count(),
                scanned.Count(s => s.Finding.Rule == rule && s.Change == ChangeState.New),
                resolved.Count(r => r.RuleCode == rule.ToString()),
                exposure.Low,
                exposure.High));
        }

        return summaries;
    }

    private async Task RecordFailureAsync(DateOnly asOf, DateTime started, Exception error)
    {
        try
        {
            await using var connection = await _database.OpenAsync();
            await connection.ExecuteScalarAsync<long>(_database.Sql["ScanRun_Insert"],
                new { AsOf = asOf, StartedAt = started, FinishedAt = (DateTime?)DateTime.UtcNow, Status = "failed", Summary = JsonSerializer.Serialize(new { error = error.Message }) });
        }
        catch (DbException)
        {
            // The database itself is what failed; the caller still gets the original error.
        }
    }

    /// <summary>A class with setters, not a positional record: SQLite returns REAL as double, SQL Server DECIMAL as decimal.</summary>
    private sealed class PreviousFinding
    {
        public string FindingKey { get; set; } = string.Empty;

        public string RuleCode { get; set; } = string.Empty;

        public string Severity { get; set; } = string.Empty;

        public long AffectedWorkerCount { get; set; }

        public decimal ExposureLow { get; set; }

        public decimal ExposureHigh { get; set; }
    }

    /// <summary>Batches name their config by (tool, version); consecutive batches mostly repeat one, so the last hit is kept.</summary>
    private sealed class ConfigLookup(ScanSnapshot snapshot)
    {
        private string? _tool;
        private string? _version;
        private ConfigInfo? _config;

        public ConfigInfo? Find(string tool, string version)
        {
            if (tool == _tool && version == _version)
            {
                return _config;
            }

            _tool = tool;
            _version = version;
            _config = snapshot.Configs.GetValueOrDefault((tool, version));
            return _config;
        }
    }
}
