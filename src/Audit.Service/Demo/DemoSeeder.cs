using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Ingest;
using Audit.Service.Ingest.NoticeTexts;
using Audit.Service.Ingest.OpenLineage;

namespace Audit.Service.Demo;

/// <summary>Generates the demo organisation's files and imports them through the same importers users use.</summary>
public sealed class DemoSeeder(Migrator migrator, Importer importer, LineageIngestor lineage, NoticeTextImporter noticeTexts)
{
    public async Task<DemoFiles> SeedAsync(string folder, DemoOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        migrator.Migrate();
        var files = new DemoGenerator().Write(folder, options, progress);
        foreach (var (spec, path) in files.BeforeLineage)
        {
            await ImportAsync(spec, path, progress, cancellationToken);
        }

        var texts = await noticeTexts.ImportAsync(files.NoticeTextsFolder, replace: false, cancellationToken: cancellationToken);
        progress?.Report($"{NoticeTextImporter.Kind}: {texts.Count} notice texts");

        var events = await lineage.IngestFileAsync(files.LineageEventsPath, cancellationToken);
        progress?.Report($"openlineage: {events.Events} events, {events.NewEvents} new");
        foreach (var (spec, path) in files.AfterLineage)
        {
            await ImportAsync(spec, path, progress, cancellationToken);
        }

        return files;
    }

    private async Task ImportAsync(ImportSpec spec, string path, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var rowProgress = progress is null ? null : new InlineProgress<long>(n => progress.Report($"{spec.Kind}: {n.ToString("N0", CultureInfo.InvariantCulture)} rows"));
        var result = await importer.ImportAsync(spec, path, rowProgress, cancellationToken: cancellationToken);
        progress?.Report($"{spec.Kind}: {result.RowsRead.ToString("N0", CultureInfo.InvariantCulture)} rows");
    }
}

/// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
