using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ReportMonthlyCommand(Migrator migrator, ReportService reports, ScanHistory history, Scanning.Scanner scanner) : AsyncCommand<ReportMonthlyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--period <YYYY-MM>")]
        [Description("The month to report on (default: last month), from the scan judged as of its last day.")]
        public string? Period { get; init; }

        [CommandOption("--scan-if-missing")]
        [Description("Scan as of the month's last day first when no scan judged that day (otherwise the report is refused, exit 66).")]
        public bool ScanIfMissing { get; init; }

        public override ValidationResult Validate() => Period is null || TryParse(Period, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--period: '{Period}' is not a month (yyyy-MM)");

        public YearMonth Month
        {
            get
            {
                if (Period is not null && TryParse(Period, out var month))
                {
                    return month;
                }

                var last = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
                return new YearMonth(last.Year, last.Month);
            }
        }

        private static bool TryParse(string text, out YearMonth month)
        {
            month = default;
            if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }

            month = new YearMonth(day.Year, day.Month);
            return true;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (!await ReportScans.EnsureAsync(history, scanner, settings.Month.LastDay, settings.ScanIfMissing, cancellationToken))
        {
            return ReportScans.NoScanExitCode;
        }

        var files = await CliApp.WithProgressAsync($"report monthly {settings.Month}", progress => reports.MonthlyAsync(settings.Month, progress, cancellationToken));
        CliApp.PrintFiles(files.Paths);
        return 0;
    }
}
