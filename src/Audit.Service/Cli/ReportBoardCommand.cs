using System.ComponentModel;
using Audit.Service.Data;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ReportBoardCommand(Migrator migrator, ReportService reports, ScanHistory history, Scanning.Scanner scanner) : AsyncCommand<ReportBoardCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--quarter <YYYYQn>")]
        [Description("The quarter, e.g. 2026Q3 (default: the last complete quarter). Judged as of its last day.")]
        public string? Quarter { get; init; }

        [CommandOption("--scan-if-missing")]
        [Description("Scan as of the quarter's last day first when no scan judged that day (otherwise the report is refused, exit 66).")]
        public bool ScanIfMissing { get; init; }

        public override ValidationResult Validate() => Quarter is null || Audit.Domain.Quarter.TryParse(Quarter, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--quarter: '{Quarter}' is not a quarter (e.g. 2026Q3)");

        public Quarter Value => Quarter is not null && Audit.Domain.Quarter.TryParse(Quarter, out var q)
            ? q
            : Audit.Domain.Quarter.Containing(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (!await ReportScans.EnsureAsync(history, scanner, settings.Value.LastDay, settings.ScanIfMissing, cancellationToken))
        {
            return ReportScans.NoScanExitCode;
        }

        var files = await CliApp.WithProgressAsync($"report board {settings.Value}", progress => reports.BoardAsync(settings.Value, progress, cancellationToken));
        CliApp.PrintFiles(files.Paths);
        return 0;
    }
}
