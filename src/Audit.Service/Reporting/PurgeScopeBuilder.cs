using System.Globalization;
using Audit.Reports.Export;
using Audit.Reports.Models;
using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Records;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Reporting;

/// <summary>What a purge-scope export wrote: its files, and the manifest.</summary>
public sealed record PurgeScopeResult(IReadOnlyList<string> Paths, PurgeScopeManifest Manifest);

/// <summary>
/// Counsel's purge scope (issue 23, item 5). The rules say which batches each finding holds: they run again as the
/// newest scan recording the finding ran (the data as it stood on its as-of day, over the finding's workers'
/// batches), recording the captures each finding holds; those are the batches to delete. Downstream: every training
/// dataset and model they reach in the lineage graph as it stands today. Written to
/// <c>out/exports/&lt;matter&gt;/purge-&lt;stamp&gt;</c> with a manifest of SHA-256s, and in the audit log. A finding
/// about no data (an exemption without a rationale, a workforce event) has nothing to purge and is refused.
/// </summary>
public sealed class PurgeScopeBuilder(Database database, LineageExportBuilder lineage, HeldBatches heldBatches, AuditLog auditLog, IOptions<AuditOptions> options)
{
    public const string Selection = "Each finding's batches are the ones the rules hold for it: the rules run again as the newest scan recording the finding ran "
        + "(the data as it stood on that scan's as-of day), over the batches of the finding's workers, and list the captures the finding holds. Downstream: every "
        + "training dataset and model those batches reach through the lineage graph as it stands on the day of the export, by paths still running when they were captured.";

    private sealed record Target(PurgeFinding Finding, IReadOnlySet<string> Workers);

    /// <summary>
    /// Why the request cannot be met (a bad matter id, no finding, a finding no scan records live or one about no data),
    /// or null: checked before an API request is queued, and again when the export runs.
    /// </summary>
    public async Task<InvalidRequestException?> CheckAsync(PurgeScopeRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            await TargetsAsync(request, cancellationToken);
            return null;
        }
        catch (InvalidRequestException ex)
        {
            return ex;
        }
    }

    public async Task<PurgeScopeResult> ExportAsync(PurgeScopeRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report("reading the findings' scan records");
        var targets = await TargetsAsync(request, cancellationToken);

        progress?.Report("asking the rules which batches each finding holds");
        var held = new List<(Target Target, IReadOnlyList<(string BatchId, BatchRecord Row)> Batches)>();
        foreach (var scan in targets.GroupBy(t => (t.Finding.ScanId, t.Finding.ScanAsOf)))
        {
            var batches = await HeldAsync(scan.Key.ScanId, scan.Key.ScanAsOf, scan.ToList(), cancellationToken);
            held.AddRange(scan.Select(t => (t, batches[t.Finding.FindingId])));
        }

        progress?.Report("reading lineage");
        var (snapshot, graph) = await lineage.PrepareAsync(DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var matterFolder = Path.GetFullPath(Path.Combine(options.Value.OutputPath, "exports", request.MatterId));
        var staging = Path.Combine(matterFolder, $"purge-{stamp}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(staging);
        progress?.Report("writing the batches to delete");
        var manifest = PurgeScopeWriter.Write(request, targets.Select(t => t.Finding).ToList(), Selection, Rows(held, snapshot, graph), staging);
        var folder = OutputFiles.MoveToFreeName(staging, Path.Combine(matterFolder, $"purge-{stamp}"));
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await auditLog.AppendAsync(connection, null, "export", request.MatterId,
                $"purge scope of {string.Join(", ", request.FindingIds)}: {manifest.Batches} batches, {manifest.Datasets.Count} datasets and models downstream; {folder}");
        }

        return new PurgeScopeResult(manifest.Files.Select(f => Path.Combine(folder, f.FileName)).Append(Path.Combine(folder, LineageExportWriter.ManifestFileName)).ToList(), manifest);
    }

    private async Task<List<Target>> TargetsAsync(PurgeScopeRequest request, CancellationToken cancellationToken)
    {
        if (!ExportScopes.IsMatterId(request.MatterId))
        {
            throw new InvalidRequestException($"--matter: '{request.MatterId}' is not a matter id: letters, digits, '-', '_' and '.', at most {ExportScopes.MaxMatterLength} characters, not '.' or '..'.");
        }

        if (request.FindingIds.Count == 0)
        {
            throw new InvalidRequestException($"--finding: name at least one finding (`{Invocation.Command("findings list")}` shows the ids).");
        }

        var targets = new List<Target>();
        foreach (var id in request.FindingIds.Distinct(StringComparer.Ordinal))
        {
            targets.Add(await TargetAsync(id, cancellationToken));
        }

        return targets;
    }

    /// <summary>The newest scan that recorded the finding (it must be live there), and the finding's workers in it.</summary>
    private async Task<Target> TargetAsync(string findingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var record = await connection.QuerySingleOrDefaultAsync<ExplainedFinding>(
            new CommandDefinition(database.Sql["Explain_ReadFinding"], new { FindingKey = findingId, ScanId = (long?)null }, cancellationToken: cancellationToken));
        if (record is null || record.IsResolvedHere)
        {
            throw new InvalidRequestException($"--finding: no scan records a live finding '{findingId}' (`{Invocation.Command("findings list")}` shows the ids; they are case-sensitive).");
        }

        if (record.Batches == 0)
        {
            throw new InvalidRequestException($"--finding: '{findingId}' names no capture batches ({record.SubjectKind}): there is nothing to purge for it.");
        }

        var workers = (await connection.QueryAsync<string>(
                new CommandDefinition(database.Sql["ScanFindingWorker_ReadForPurge"], new { record.ScanId, FindingKey = findingId }, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
        if (workers.Count == 0)
        {
            throw new InvalidRequestException($"--finding: scan {record.ScanId} no longer keeps the workers of '{findingId}' (the retention setting pruned them): scan again, then ask for the purge scope.");
        }

        var subject = ScanFindingRecord.SubjectText(record.SubjectKind, record.SubjectKey, record.SubjectName);
        return new Target(new PurgeFinding(findingId, record.ScanId, record.AsOf, subject, record.Batches), workers);
    }

    /// <summary>The rules run again over the data as it stood on the scan's day, on the batches of the findings' workers (<see cref="HeldBatches"/>).</summary>
    private async Task<Dictionary<string, IReadOnlyList<(string BatchId, BatchRecord Row)>>> HeldAsync(long scanId, DateOnly asOf, IReadOnlyList<Target> targets, CancellationToken cancellationToken)
    {
        var workers = targets.SelectMany(t => t.Workers).ToHashSet(StringComparer.Ordinal);
        var held = await heldBatches.ByFindingAsync(asOf, workers, cancellationToken);
        var result = new Dictionary<string, IReadOnlyList<(string BatchId, BatchRecord Row)>>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (!held.TryGetValue(target.Finding.FindingId, out var batches))
            {
                throw new InvalidRequestException($"--finding: the data no longer holds '{target.Finding.FindingId}' as scan {scanId} found it (an import since changed what it rests on): scan again, then ask for the purge scope.");
            }

            result[target.Finding.FindingId] = batches;
        }

        return result;
    }

    private static IEnumerable<PurgeBatchRow> Rows(IReadOnlyList<(Target Target, IReadOnlyList<(string BatchId, BatchRecord Row)> Batches)> held, ScanSnapshot snapshot, LineageGraph graph)
    {
        var reachesOf = new Dictionary<long, IReadOnlyList<Reach>>();
        foreach (var (target, batches) in held)
        {
            foreach (var (batchId, b) in batches)
            {
                if (!snapshot.Datasets.TryGetValue(b.DatasetId, out var origin))
                {
                    continue;
                }

                if (!reachesOf.TryGetValue(b.DatasetId, out var reaches))
                {
                    reachesOf[b.DatasetId] = reaches = graph.PathsToSinks(b.DatasetId, d => d.IsTraining);
                }

                // One entry per training dataset or model the batch reaches, by the earliest path that carries it.
                var downstream = reaches.Where(r => r.Carries(b.CapturedFrom))
                    .GroupBy(r => r.Sink.DatasetId)
                    .Select(g =>
                    {
                        var first = g.OrderBy(r => r.ReachedAt(b.CapturedTo)).First();
                        var reachedAt = first.ReachedAt(b.CapturedTo);
                        var purgedOn = snapshot.LatestPurge(first.Sink.DatasetId)?.PurgedOn;
                        return new PurgeReach(Name(first.Sink), Codes.ToCode(first.Sink.Kind), first.Sink.IsCommercialModel, new DateTimeOffset(reachedAt, TimeSpan.Zero),
                            purgedOn, DataHolding.IsHeld(reachedAt, purgedOn));
                    })
                    .OrderBy(r => r.Dataset, StringComparer.Ordinal)
                    .ToList();
                yield return new PurgeBatchRow(target.Finding.FindingId, batchId, b.WorkerId, snapshot.ToolName(b.ToolId), b.ConfigVersion, Name(origin),
                    new DateTimeOffset(b.CapturedFrom, TimeSpan.Zero), new DateTimeOffset(b.CapturedTo, TimeSpan.Zero), downstream);
            }
        }
    }

    private static string Name(DatasetInfo dataset) => $"{dataset.Namespace}/{dataset.Name}";
}
