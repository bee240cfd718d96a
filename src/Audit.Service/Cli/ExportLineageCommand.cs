using System.ComponentModel;
using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ExportLineageCommand(Migrator migrator, ReportService reports) : AsyncCommand<ExportLineageCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--matter <ID>", isRequired: true)]
        [Description("The matter this export is for (required); names the output folder and is recorded with the request.")]
        public string? Matter { get; init; }

        [CommandOption("--worker <ID>")]
        [Description("Limit to these workers (repeat the option for several).")]
        public string[] Workers { get; init; } = [];

        [CommandOption("--dataset <NAME>")]
        [Description("Limit to batches that land in, pass through or reach this dataset (name, or namespace/name).")]
        public string? Dataset { get; init; }

        [CommandOption("--model <NAME>")]
        [Description("Limit to paths that reach this model.")]
        public string? Model { get; init; }

        [CommandOption("--from <DATE>")]
        [Description("Batches captured from this day (yyyy-MM-dd).")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>")]
        [Description("Batches captured up to the end of this day (yyyy-MM-dd).")]
        public string? To { get; init; }

        /// <summary>The same reading of the scope as the API and the page (Reporting/ExportScopes).</summary>
        public LineageExportRequest Request => Parsed.Request!;

        private (LineageExportRequest? Request, IReadOnlyList<ScopeProblem> Problems) Parsed => ExportScopes.Parse(Matter, Workers, Dataset, Model, From, To);

        public override ValidationResult Validate() =>
            Parsed.Problems is [var first, ..] ? ValidationResult.Error(first.ForCli.TrimEnd('.')) : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var (files, manifest) = await CliApp.WithProgressAsync($"export lineage {settings.Matter}", progress => reports.ExportLineageAsync(settings.Request, progress, cancellationToken));
        Console.WriteLine(manifest.RowCount == 0
            ? $"0 rows. {LineageExportManifest.NothingMatched}"
            : $"{manifest.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows.");
        CliApp.PrintFiles(files.Paths);
        return 0;
    }
}
