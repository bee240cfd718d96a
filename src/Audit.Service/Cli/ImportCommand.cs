using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Ingest;
using Audit.Service.Ingest.NoticeTexts;
using Audit.Service.Ingest.OpenLineage;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ImportCommand(Migrator migrator, Importer importer, LineageIngestor lineage, NoticeTextImporter noticeTexts) : AsyncCommand<ImportCommand.Settings>
{
    public const string OpenLineageKind = "openlineage";

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<kind>")]
        [Description("What the file holds: workers, worker-locations, programs, capture-tools, capture-configs, notices, acknowledgements, opt-outs, datasets, lineage-edges, capture-batches, compensation-agreements, workforce-events, openlineage (NDJSON run events), or notice-texts (a folder of notice texts, or one: .md, .txt, .html, .docx, .pdf, each named after its notice id).")]
        public string Kind { get; init; } = string.Empty;

        [CommandArgument(1, "<file>")]
        [Description("A .csv file with a header row or a .json array of objects (for openlineage: one event per line; for notice-texts: a folder or one file).")]
        public string File { get; init; } = string.Empty;

        [CommandOption("--replace")]
        [Description("notice-texts only: supersede a notice's text with a different one (the old text stays in history).")]
        public bool Replace { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (Replace && Kind != NoticeTextImporter.Kind)
            {
                return Spectre.Console.ValidationResult.Error($"--replace: only for {NoticeTextImporter.Kind}; other kinds add rows and never replace them");
            }

            var known = Kind == OpenLineageKind || Kind == NoticeTextImporter.Kind || ImportSpecs.Find(Kind) is not null;
            return known
                ? Spectre.Console.ValidationResult.Success()
                : Spectre.Console.ValidationResult.Error(
                    $"unknown kind '{Kind}'; expected one of: {string.Join(", ", ImportSpecs.All.Select(s => s.Kind).Append(OpenLineageKind).Append(NoticeTextImporter.Kind))}");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (settings.Kind == OpenLineageKind)
        {
            var result = await CliApp.WithProgressAsync("import openlineage", async progress =>
                await lineage.IngestFileAsync(settings.File, new Progress<long>(n => progress.Report(n.ToString("N0", CultureInfo.InvariantCulture) + " events")), cancellationToken: cancellationToken));
            foreach (var warning in result.Warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {warning}");
            }

            Console.WriteLine($"{result.File}: {result.Events} events ({result.NewEvents} new), {result.Edges} edges touched, {result.NewDatasets} new datasets.");
            return 0;
        }

        if (settings.Kind == NoticeTextImporter.Kind)
        {
            foreach (var text in await noticeTexts.ImportAsync(settings.File, settings.Replace, cancellationToken: cancellationToken))
            {
                Console.WriteLine($"{text.FileName}: {text.NoticeId}, {text.Paragraphs} paragraphs, SHA-256 {text.Sha256}: {text.Outcome}.");
            }

            return 0;
        }

        var spec = ImportSpecs.Find(settings.Kind)!;
        var imported = await CliApp.WithProgressAsync($"import {spec.Kind}", async progress =>
            await importer.ImportAsync(spec, settings.File, new Progress<long>(n => progress.Report(n.ToString("N0", CultureInfo.InvariantCulture) + " rows")), cancellationToken: cancellationToken));
        Console.WriteLine($"{imported.File}: {imported.RowsRead:N0} rows read, {imported.RowsAdded:N0} new {spec.Table} rows ({imported.RowsAfter:N0} in all).".ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
