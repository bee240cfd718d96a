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

        [CommandOption("--by <NAME>")]
        [Description("Who asks for the export (counsel's name), recorded in the manifest beside the operating-system user.")]
        public string? By { get; init; }

        /// <summary>The same reading of the scope as the API and the page (Reporting/ExportScopes), with who asked.</summary>
        public LineageExportRequest Request => Parsed.Request! with
        {
            RequestedBy = By is null ? $"{AuditLog.Actor} (operating-system user)" : $"{By.Trim()} (--by; operating-system user {AuditLog.Actor})",
        };

        private (LineageExportRequest? Request, IReadOnlyList<ScopeProblem> Problems) Parsed => ExportScopes.Parse(Matter, Workers, Dataset, Model, From, To);

        public override ValidationResult Validate()
        {
            if (Parsed.Problems is [var first, ..])
            {
                return ValidationResult.Error(first.ForCli.TrimEnd('.'));
            }

            return By is not null && (string.IsNullOrWhiteSpace(By) || By.Length > 200 || By.Any(char.IsControl))
                ? ValidationResult.Error("--by: a name of 1 to 200 characters, without control characters")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var (files, manifest) = await CliApp.WithProgressAsync($"export lineage {settings.Matter}", progress => reports.ExportLineageAsync(settings.Request, progress, cancellationToken));
        Console.WriteLine(manifest.RowCount == 0
            ? $"0 rows. {LineageExportManifest.NothingMatched}"
            : $"{manifest.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows.");
        CliApp.PrintFiles(files.Paths);
        var manifestPath = files.Paths.First(p => Path.GetFileName(p) == Audit.Reports.Export.LineageExportWriter.ManifestFileName);
        Console.WriteLine($"manifest.json SHA-256 {Audit.Reports.Export.LineageExportWriter.Sha256Of(manifestPath)} (recorded in the audit log); rows {manifest.FirstRowId ?? "-"} to {manifest.LastRowId ?? "-"}; findings of scan {manifest.Basis?.ScanId?.ToString(CultureInfo.InvariantCulture) ?? "none"}.");
        return 0;
    }
}
