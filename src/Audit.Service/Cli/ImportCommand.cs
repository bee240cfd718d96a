using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Ingest;
using Audit.Service.Ingest.OpenLineage;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ImportCommand(Migrator migrator, Importer importer, LineageIngestor lineage) : AsyncCommand<ImportCommand.Settings>
{
    public const string OpenLineageKind = "openlineage";

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<kind>")]
        [Description("What the file holds: workers, worker-locations, programs, capture-tools, capture-configs, notices, acknowledgements, opt-outs, datasets, lineage-edges, capture-batches, compensation-agreements, workforce-events, or openlineage (NDJSON run events).")]
        public string Kind { get; init; } = string.Empty;

        [CommandArgument(1, "<file>")]
        [Description("A .csv file with a header row or a .json array of objects (for openlineage: one event per line).")]
        public string File { get; init; } = string.Empty;

        public override Spectre.Console.ValidationResult Validate()
        {
            var known = Kind == OpenLineageKind || ImportSpecs.Find(Kind) is not null;
            return known
                ? Spectre.Console.ValidationResult.Success()
                : Spectre.Console.ValidationResult.Error(
                    $"unknown kind '{Kind}'; expected one of: {string.Join(", ", ImportSpecs.All.Select(s => s.Kind).Append(OpenLineageKind))}");
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

        var spec = ImportSpecs.Find(settings.Kind)!;
        var imported = await CliApp.WithProgressAsync($"import {spec.Kind}", async progress =>
            await importer.ImportAsync(spec, settings.File, new Progress<long>(n => progress.Report(n.ToString("N0", CultureInfo.InvariantCulture) + " rows")), cancellationToken: cancellationToken));
        Console.WriteLine($"{imported.File}: {imported.RowsRead:N0} rows read, {imported.RowsAdded:N0} new {spec.Table} rows ({imported.RowsAfter:N0} in all).".ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
