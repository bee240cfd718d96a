using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Rules;
using Audit.Service.Scanning;
using Dapper;

namespace Audit.Service.Reporting;

/// <summary>
/// The rows of a counsel lineage export: every batch in scope, once per training sink its data reaches (or
/// once with no sink), with where the worker was and what they had consented to at capture time. Rows are
/// produced while the batches are read, in a fixed order, so the same request over the same data gives the
/// same rows and memory does not grow with the export.
/// </summary>
public sealed class LineageExportBuilder(Database database)
{
    public async Task<(ScanSnapshot Snapshot, LineageGraph Graph)> PrepareAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var snapshot = await SnapshotReader.ReadAsync(database, connection, asOf, cancellationToken);
        return (snapshot, new LineageGraph(snapshot.Datasets, snapshot.Edges));
    }

    /// <summary>
    /// Refuses a scope that names a worker, dataset or model the data does not hold, a dataset name that is
    /// ambiguous, or a date range that is empty: each would otherwise give a header-only export that looks like
    /// "nothing to see", or (for an ambiguous name) more than counsel asked for.
    /// </summary>
    public static void CheckScope(LineageExportRequest request, ScanSnapshot snapshot)
    {
        if (ExportScopes.Check(request, snapshot.Workers.ContainsKey, snapshot.Datasets.Values) is [var first, ..])
        {
            throw new InvalidRequestException(first.ForCli);
        }
    }

    /// <param name="findingsByBatch">Per batch id, the findings it is evidence for (the rules' own reading, <see cref="HeldBatches"/>).</param>
    public IEnumerable<LineageExportRow> Rows(LineageExportRequest request, ScanSnapshot snapshot, LineageGraph graph, IReadOnlyDictionary<string, IReadOnlyList<string>>? findingsByBatch = null)
    {
        var workers = request.WorkerIds.Count == 0 ? null : request.WorkerIds.ToHashSet(StringComparer.Ordinal);
        var sinksByDataset = new Dictionary<long, IReadOnlyList<(Reach Reach, string Path)>>();
        using var connection = database.Open();
        var batches = connection.Query<(string BatchId, string WorkerId, string Tool, string Version, long DatasetId, DateTime From, DateTime To, long Minutes, long Events)>(
            database.Sql["CaptureBatch_ReadForExport"],
            new { From = request.From?.UtcDateTime, To = request.To?.UtcDateTime },
            buffered: false,
            commandTimeout: 0);
        foreach (var b in batches)
        {
            if ((workers is not null && !workers.Contains(b.WorkerId))
                || !snapshot.Workers.TryGetValue(b.WorkerId, out var worker)
                || !snapshot.Configs.TryGetValue((b.Tool, b.Version), out var config)
                || !snapshot.Datasets.TryGetValue(b.DatasetId, out var origin))
            {
                continue;
            }

            if (!sinksByDataset.TryGetValue(b.DatasetId, out var sinks))
            {
                // Paths depend only on the dataset: worked out and described once, not per batch.
                sinksByDataset[b.DatasetId] = sinks = graph.PathsToSinks(b.DatasetId, d => d.IsTraining)
                    .Select(r => (r, graph.Describe(r.Path, b.DatasetId)))
                    .ToList();
            }

            var location = worker.LocationAt(DateOnly.FromDateTime(b.From));
            var notice = worker.LatestNoticeAt(config, b.From);
            var consentBy = worker.AiTrainingNoticeAt(config, b.From);
            var consent = consentBy is not null;
            var findings = findingsByBatch is not null && findingsByBatch.TryGetValue(b.BatchId, out var keys) ? keys : [];
            var optOut = config.ProgramId is null ? null : worker.OptOuts.Where(o => o.ProgramId == config.ProgramId && o.At <= b.From).OrderBy(o => o.At).LastOrDefault();
            LineageExportRow Row(Reach? reach, string path) => new(
                worker.WorkerId, b.BatchId, snapshot.ToolName(b.Tool), b.Version,
                new DateTimeOffset(b.From, TimeSpan.Zero), new DateTimeOffset(b.To, TimeSpan.Zero), (int)b.Minutes, b.Events,
                location?.Country ?? string.Empty, location?.Subdivision,
                origin.Name,
                path,
                reach?.Sink.Name ?? string.Empty,
                reach is null ? string.Empty : Codes.ToCode(reach.Sink.Kind),
                reach?.Sink.IsCommercialModel ?? false,
                reach is not null && reach.Carries(b.From) ? new DateTimeOffset(reach.ReachedAt(b.To), TimeSpan.Zero) : null,
                notice is null ? null : $"{notice.Notice.NoticeId} v{notice.Notice.Version}",
                consent,
                optOut is not null,
                optOut is null ? null : Codes.ToCode(optOut.Scope),
                notice is not null && snapshot.NoticeTexts.TryGetValue(notice.Notice.NoticeId, out var text) ? text.Sha256 : null,
                notice is null ? null : new DateTimeOffset(notice.At, TimeSpan.Zero),
                consentBy is null ? null : new DateTimeOffset(consentBy.At, TimeSpan.Zero),
                optOut is null ? null : new DateTimeOffset(optOut.At, TimeSpan.Zero),
                findings);

            var inScope = sinks.Where(s => InScope(request, origin, s.Reach, graph)).ToList();
            if (inScope.Count == 0)
            {
                if (request.Dataset is null && request.Model is null)
                {
                    yield return Row(null, string.Empty);
                }
                else if (request.Model is null && Matches(request.Dataset, origin))
                {
                    yield return Row(null, string.Empty);
                }

                continue;
            }

            foreach (var (reach, path) in inScope)
            {
                yield return Row(reach, path);
            }
        }
    }

    private static bool InScope(LineageExportRequest request, DatasetInfo origin, Reach reach, LineageGraph graph)
    {
        if (request.Model is not null && !Matches(request.Model, reach.Sink))
        {
            return false;
        }

        return request.Dataset is null
            || Matches(request.Dataset, origin)
            || Matches(request.Dataset, reach.Sink)
            || reach.Path.Any(e => Matches(request.Dataset, graph.Dataset(e.TargetDatasetId)));
    }

    /// <summary>A dataset is named by its name, or by namespace/name when names repeat across namespaces.</summary>
    private static bool Matches(string? wanted, DatasetInfo dataset) => ExportScopes.Names(wanted, dataset);
}
