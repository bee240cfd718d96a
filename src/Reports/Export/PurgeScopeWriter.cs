using System.Reflection;
using System.Text;
using System.Text.Json;
using Audit.Reports.Models;

namespace Audit.Reports.Export;

/// <summary>
/// Writes counsel's purge scope: <c>batches.csv</c> (every batch id to delete, streamed as the rows come),
/// <c>datasets.csv</c> (every training dataset and model downstream of them, with batches, workers, first and last
/// use, whether commercial, its latest recorded purge and the batches it still holds) and <c>manifest.json</c> last, with each file's SHA-256. CSV in UTF-8 with a BOM so
/// Excel reads it, every cell neutralised against CSV injection.
/// </summary>
public static class PurgeScopeWriter
{
    public const string BatchesFileName = "batches.csv";
    public const string DatasetsFileName = "datasets.csv";

    public static PurgeScopeManifest Write(PurgeScopeRequest request, IReadOnlyList<PurgeFinding> findings, string selection, IEnumerable<PurgeBatchRow> rows, string directory)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var datasets = new Dictionary<string, Downstream>(StringComparer.Ordinal);
        long batches = 0;
        var batchesPath = Path.Combine(directory, BatchesFileName);
        using (var stream = new FileStream(batchesPath, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var csv = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            CsvLine.Write(csv, ["batch_id", "worker_id", "tool", "config_version", "origin_dataset", "captured_from", "captured_to", "finding_id", "reaches", "still_held_in"]);
            foreach (var row in rows)
            {
                batches++;
                CsvLine.Write(csv,
                [
                    row.BatchId, row.WorkerId, row.Tool, row.ConfigVersion, row.OriginDataset, Stamp(row.CapturedFrom), Stamp(row.CapturedTo), row.FindingId,
                    string.Join("; ", row.Reaches.Select(r => r.Dataset).Distinct(StringComparer.Ordinal)),
                    string.Join("; ", row.Reaches.Where(r => r.StillHeld).Select(r => r.Dataset).Distinct(StringComparer.Ordinal)),
                ]);
                foreach (var reach in row.Reaches)
                {
                    if (!datasets.TryGetValue(reach.Dataset, out var d))
                    {
                        datasets[reach.Dataset] = d = new Downstream(reach.Kind, reach.Commercial, reach.PurgedOn);
                    }

                    d.Add(row, reach);
                }
            }
        }

        var summary = datasets.OrderBy(d => d.Value.Kind == "model" ? 0 : 1).ThenBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new PurgeDatasetRow(d.Key, d.Value.Kind, d.Value.Commercial, d.Value.Batches, d.Value.Workers.Count, d.Value.First, d.Value.Last, d.Value.Findings.Order(StringComparer.Ordinal).ToList(),
                d.Value.PurgedOn, d.Value.StillHeld))
            .ToList();
        var datasetsPath = Path.Combine(directory, DatasetsFileName);
        using (var stream = new FileStream(datasetsPath, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var csv = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            CsvLine.Write(csv, ["dataset", "kind", "commercial", "batches", "workers", "first_use", "last_use", "findings", "purged_on", "batches_still_held"]);
            foreach (var d in summary)
            {
                CsvLine.Write(csv, [d.Dataset, d.Kind, d.Commercial ? "yes" : "no", Number(d.Batches), Number(d.Workers), Stamp(d.FirstUse), Stamp(d.LastUse), string.Join("; ", d.Findings),
                    d.PurgedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, Number(d.BatchesStillHeld)]);
            }
        }

        var software = typeof(PurgeScopeWriter).Assembly;
        var manifest = new PurgeScopeManifest(
            request,
            findings,
            DateTimeOffset.UtcNow,
            selection,
            batches,
            summary,
            [
                new ExportedFile(BatchesFileName, LineageExportWriter.Sha256Of(batchesPath), new FileInfo(batchesPath).Length, batches, null),
                new ExportedFile(DatasetsFileName, LineageExportWriter.Sha256Of(datasetsPath), new FileInfo(datasetsPath).Length, summary.Count, null),
            ],
            ReportConstants.SoftwareName,
            software.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? software.GetName().Version?.ToString() ?? "unknown");
        using (var stream = new FileStream(Path.Combine(directory, LineageExportWriter.ManifestFileName), FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, manifest, LineageExportWriter.ManifestJson);
        }

        return manifest;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Downstream(string kind, bool commercial, DateOnly? purgedOn)
    {
        public DateOnly? PurgedOn { get; } = purgedOn;

        public long StillHeld { get; private set; }

        public string Kind { get; } = kind;

        public bool Commercial { get; } = commercial;

        public long Batches { get; private set; }

        public HashSet<string> Workers { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Findings { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset First { get; private set; } = DateTimeOffset.MaxValue;

        public DateTimeOffset Last { get; private set; } = DateTimeOffset.MinValue;

        public void Add(PurgeBatchRow row, PurgeReach reach)
        {
            var reachedAt = reach.ReachedAt;
            Batches++;
            StillHeld += reach.StillHeld ? 1 : 0;
            Workers.Add(row.WorkerId);
            Findings.Add(row.FindingId);
            First = reachedAt < First ? reachedAt : First;
            Last = reachedAt > Last ? reachedAt : Last;
        }
    }
}
