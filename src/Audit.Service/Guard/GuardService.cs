using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Scanning;
using Audit.Service.Security;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Guard;

/// <summary>A logged decision as the API, the CLI and the /guard page show it.</summary>
public sealed record GuardDecisionRecord(
    string DecisionId,
    DateTime DecidedAt,
    string Actor,
    string Role,
    string Source,
    LineageName Job,
    string Purpose,
    DateTime FlowAt,
    string Decision,
    string Summary,
    string Flow,
    IReadOnlyList<GuardReason> Reasons,
    int ExcludedWorkers,
    int ExcludedBatches,
    long? ScanId,
    string TheoriesVersion);

/// <summary>Filters for the decision log; each is ignored when null.</summary>
public sealed record GuardDecisionQuery(string? Decision = null, string? Job = null, DateTime? Since = null, int Limit = 100);

/// <summary>
/// The guard: answers "may this flow run?" from what was actually captured, consented to and opted out of, as of the
/// decision instant, with the scan's own rules (<see cref="FlowDecider"/>), and logs every answer with who asked, the
/// flow, the answer and its basis (the newest scan by then, the exposure table's version), in the audit trail too.
/// </summary>
public sealed class GuardService(Database database, ExposureTable exposureTable, AuditLog log, IOptions<AuditOptions> audit, IOptions<GuardOptions> options, TimeProvider? time = null) : IDisposable
{
    public const string SourceApi = "api";
    public const string SourceCli = "cli";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // A judgement holds the organisation's facts and the inputs' upstream batches in memory (about 1.4 GB at 100,000
    // workers): callers beyond Guard:ConcurrentJudgements wait their turn rather than run the service out of memory.
    private readonly SemaphoreSlim _judging = new(Math.Max(1, options.Value.ConcurrentJudgements));

    public DateTime Now => TypeHandlers.ToWholeSecond(_time.GetUtcNow().UtcDateTime);

    public async Task<GuardDecisionRecord> DecideAsync(ProposedFlow flow, Caller caller, string source, string? request, CancellationToken cancellationToken = default)
    {
        var decidedAt = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        FlowVerdict verdict;
        Facts facts;
        using (await AdmitAsync(cancellationToken))
        {
            facts = await ReadAsync(connection, DateOnly.FromDateTime(flow.At), cancellationToken);
            try
            {
                verdict = await JudgeAsync(connection, facts, flow, cancellationToken);
            }
            finally
            {
                await EndReadAsync(connection);
            }
        }

        var record = new GuardDecisionRecord(
            Guid.NewGuid().ToString("N"), decidedAt, caller.Name, caller.Role.Code(), source, flow.Job, PurposeCode(flow.Purpose), flow.At,
            Codes.ToCode(verdict.Answer), verdict.Summary, JsonSerializer.Serialize(FlowJson(flow), Json), verdict.Reasons,
            verdict.Exclusions.Select(e => e.WorkerId).Distinct(StringComparer.Ordinal).Count(), verdict.Exclusions.Count, facts.ScanId, facts.TheoriesVersion);
        await WriteAsync(connection, record, verdict.Exclusions, request, cancellationToken);
        return record;
    }

    public void Dispose() => _judging.Dispose();

    /// <summary>A turn to judge (dispose to give it back): at most Guard:ConcurrentJudgements at once, decisions and alerts together.</summary>
    public async Task<IDisposable> AdmitAsync(CancellationToken cancellationToken)
    {
        await _judging.WaitAsync(cancellationToken);
        return new Turn(_judging);
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    /// <summary>What a decision as of a day rests on: the facts, the exposure table in force, the newest scan by then.</summary>
    public sealed record Facts(ScanSnapshot Snapshot, IReadOnlyList<ExposureTheory> Theories, long? ScanId, string TheoriesVersion);

    /// <summary>
    /// Opens one read transaction (as the scan reads: an import committing meanwhile is seen whole or not at all) and
    /// reads the facts as of <paramref name="day"/>; <see cref="JudgeAsync"/> reads the batches in it, <see cref="EndReadAsync"/> ends it.
    /// </summary>
    public async Task<Facts> ReadAsync(DbConnection connection, DateOnly day, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(database.Sql["ScanInput_BeginRead"]);
        try
        {
            var snapshot = await SnapshotReader.ReadAsync(database, connection, day, cancellationToken);
            var theories = await exposureTable.ReadAsync(connection, day, cancellationToken);
            var scanId = await connection.ExecuteScalarAsync<long?>(database.Sql["ScanRun_GetLatestBy"], new { AsOf = day });
            return new Facts(snapshot, theories, scanId, TheoriesVersion(theories));
        }
        catch
        {
            await EndReadAsync(connection);
            throw;
        }
    }

    public Task EndReadAsync(DbConnection connection) => connection.ExecuteAsync(database.Sql["ScanInput_EndRead"]);

    /// <summary>The guard's answer to one flow on the facts read (no log written): the batches upstream of its inputs, then the rules.</summary>
    public async Task<FlowVerdict> JudgeAsync(DbConnection connection, Facts facts, ProposedFlow flow, CancellationToken cancellationToken)
    {
        var resolved = ResolvedFlow.Resolve(flow, facts.Snapshot.Datasets);
        IReadOnlySet<long> upstream = resolved.Inputs.Count == 0 ? new HashSet<long>() : FlowWorld.Build(facts.Snapshot, resolved).Upstream;
        var batches = await ReadBatchesAsync(connection, upstream, facts.Snapshot.Cutoff, cancellationToken);
        return await FlowDecider.DecideAsync(facts.Snapshot, resolved, batches, audit.Value.ToRuleSettings(), facts.Theories, options.Value.DeniesUnknownInputs, cancellationToken);
    }

    public async Task<IReadOnlyList<GuardDecisionRecord>> ListAsync(GuardDecisionQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(database.Sql["GuardDecision_List"],
            new { query.Decision, query.Job, query.Since, query.Limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<GuardDecisionRecord?> GetAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(database.Sql["GuardDecision_GetById"], new { DecisionId = decisionId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ExcludedBatch>> ExclusionsAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string BatchId, string WorkerId, string ToolId, string ConfigVersion, string Dataset, object From, object To, string Rules)>(
            new CommandDefinition(database.Sql["GuardExclusion_ListByDecision"], new { DecisionId = decisionId }, cancellationToken: cancellationToken));
        return rows.Select(r => new ExcludedBatch(r.BatchId, r.WorkerId, r.ToolId, r.ConfigVersion, r.Dataset, TypeHandlers.ToUtc(r.From), TypeHandlers.ToUtc(r.To), r.Rules)).ToList();
    }

    /// <summary>Every dataset and job name lineage has seen (kind "dataset" or "job").</summary>
    public async Task<IReadOnlyList<(string Kind, LineageName Name)>> CatalogueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Kind, string Namespace, string Name)>(new CommandDefinition(database.Sql["Guard_ReadCatalogue"], cancellationToken: cancellationToken));
        return rows.Select(r => (r.Kind, new LineageName(r.Namespace, r.Name))).ToList();
    }

    /// <summary>The code a purpose is logged under (the notices' word).</summary>
    public static string PurposeCode(Purpose purpose) =>
        purpose == Purpose.None ? FlowRequest.Undeclared : FlowRequest.Purposes.First(p => p.Value == purpose && p.Key != "analytics").Key;

    private async Task<List<GuardBatch>> ReadBatchesAsync(DbConnection connection, IReadOnlySet<long> datasets, DateTime cutoff, CancellationToken cancellationToken)
    {
        if (datasets.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(string BatchId, string WorkerId, string ToolId, string ConfigVersion, long DatasetId, object From, object To, int ActiveMinutes)>(
            new CommandDefinition(database.Sql["CaptureBatch_ReadForGuard"], new { Cutoff = cutoff, DatasetIds = JsonSerializer.Serialize(datasets.Where(d => d > 0).Order()) }, cancellationToken: cancellationToken));
        return rows.Select(r => new GuardBatch(r.BatchId, new BatchRecord(r.WorkerId, r.ToolId, r.ConfigVersion, r.DatasetId, TypeHandlers.ToUtc(r.From), TypeHandlers.ToUtc(r.To), r.ActiveMinutes))).ToList();
    }

    private async Task WriteAsync(DbConnection connection, GuardDecisionRecord record, IReadOnlyList<ExcludedBatch> exclusions, string? request, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(database.Sql["GuardDecision_Insert"], new
        {
            record.DecisionId, record.DecidedAt, record.Actor, record.Role, record.Source, JobNamespace = record.Job.Namespace, JobName = record.Job.Name,
            record.Purpose, record.FlowAt, record.Decision, record.Summary, record.Flow, Reasons = JsonSerializer.Serialize(record.Reasons, Json),
            record.ExcludedWorkers, record.ExcludedBatches, record.ScanId, record.TheoriesVersion,
        }, transaction);
        await connection.ExecuteAsync(database.Sql["GuardExclusion_Insert"], exclusions.Select(e => new
        {
            record.DecisionId, e.BatchId, e.WorkerId, e.ToolId, e.ConfigVersion, e.Dataset, e.CapturedFrom, e.CapturedTo, e.Rules,
        }), transaction);
        await log.AppendAsync(connection, transaction, new AuditEntry(record.Actor, record.Role, AuditActions.GuardDecision, $"decision {record.DecisionId}",
            $"{record.Decision}: job {record.Job} for {record.Purpose} ({record.Summary})", request));
        if (options.Value.KeepDecisionsDays > 0)
        {
            await connection.ExecuteAsync(database.Sql["GuardDecision_Prune"], new { Before = record.DecidedAt.AddDays(-options.Value.KeepDecisionsDays) }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static object FlowJson(ProposedFlow flow) => new
    {
        job = new { @namespace = flow.Job.Namespace, name = flow.Job.Name },
        inputs = flow.Inputs.Select(i => new { @namespace = i.Namespace, name = i.Name }),
        outputs = flow.Outputs.Select(o => new { @namespace = o.Dataset.Namespace, name = o.Dataset.Name, kind = o.Kind is { } k ? Codes.ToCode(k) : null }),
        purpose = PurposeCode(flow.Purpose),
        asOf = flow.At,
    };

    private static string TheoriesVersion(IReadOnlyList<ExposureTheory> theories) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(theories)))[..16];

    /// <summary>A class with setters: SQLite hands times back as TEXT, SQL Server as DATETIME2.</summary>
    private sealed class Row
    {
        public string DecisionId { get; set; } = string.Empty;

        public object DecidedAt { get; set; } = string.Empty;

        public string Actor { get; set; } = string.Empty;

        public string Role { get; set; } = string.Empty;

        public string Source { get; set; } = string.Empty;

        public string JobNamespace { get; set; } = string.Empty;

        public string JobName { get; set; } = string.Empty;

        public string Purpose { get; set; } = string.Empty;

        public object FlowAt { get; set; } = string.Empty;

        public string Decision { get; set; } = string.Empty;

        public string Summary { get; set; } = string.Empty;

        public string Flow { get; set; } = string.Empty;

        public string Reasons { get; set; } = "[]";

        public int ExcludedWorkers { get; set; }

        public int ExcludedBatches { get; set; }

        public long? ScanId { get; set; }

        public string TheoriesVersion { get; set; } = string.Empty;

        public GuardDecisionRecord ToRecord() => new(
            DecisionId, TypeHandlers.ToUtc(DecidedAt), Actor, Role, Source, new LineageName(JobNamespace, JobName), Purpose, TypeHandlers.ToUtc(FlowAt), Decision, Summary, Flow,
            JsonSerializer.Deserialize<List<GuardReason>>(Reasons, Json) ?? [], ExcludedWorkers, ExcludedBatches, ScanId, TheoriesVersion);
    }
}
