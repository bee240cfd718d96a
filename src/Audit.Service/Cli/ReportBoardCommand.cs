using System.ComponentModel;
using Audit.Service.Data;
using Audit.Service.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ReportBoardCommand(Migrator migrator, ReportService reports) : AsyncCommand<ReportBoardCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--quarter <YYYYQn>")]
        [Description("The quarter, e.g. 2026Q3 (default: the last complete quarter). Judged as of its last day.")]
        public string? Quarter { get; init; }

        public override ValidationResult Validate() => Quarter is null || Reporting.Quarter.TryParse(Quarter, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--quarter: '{Quarter}' is not a quarter (e.g. 2026Q3)");

        public Quarter Value => Quarter is not null && Reporting.Quarter.TryParse(Quarter, out var q)
            ? q
            : Reporting.Quarter.Containing(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var files = await CliApp.WithProgressAsync($"report board {settings.Value}", progress => reports.BoardAsync(settings.Value, progress, cancellationToken));
        CliApp.PrintFiles(files.Paths);
        return 0;
    }
}
