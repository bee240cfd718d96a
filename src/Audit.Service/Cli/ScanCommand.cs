using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Scanning;
using Spectre.Console;
using Spectre.Console.Cli;
using Audit.Service.Configuration;

namespace Audit.Service.Cli;

internal sealed class ScanCommand(Migrator migrator, Scanner scanner, Records.ScanRetention retention, Microsoft.Extensions.Options.IOptions<AuditOptions> options) : AsyncCommand<ScanCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--as-of <DATE>")]
        [Description("Judge the data as it stood on this day (yyyy-MM-dd): edges and batches first seen, notices acknowledged, opt-outs made, configs and locations in force by then. Default: today.")]
        public string? AsOf { get; init; }

        public override ValidationResult Validate()
        {
            if (AsOf is null)
            {
                return ValidationResult.Success();
            }

            if (!DateOnly.TryParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return ValidationResult.Error($"--as-of: '{AsOf}' is not a date (yyyy-MM-dd)");
            }

            // A scan of a day that has not come would become "latest" and turn every real scan after it into history.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return day > today
                ? ValidationResult.Error($"--as-of: {AsOf} is after today ({today:yyyy-MM-dd}, UTC); a scan judges what was known by a day that has come")
                : ValidationResult.Success();
        }

        public DateOnly AsOfDate => AsOf is null ? DateOnly.FromDateTime(DateTime.UtcNow) : DateOnly.ParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var result = await CliApp.WithProgressAsync("scan", progress => scanner.ScanAsync(settings.AsOfDate, progress, cancellationToken));
        Print(result, options.Value.ReportCurrency);
        var pruned = await retention.PruneAfterScanAsync(cancellationToken);
        if (pruned.Count > 0)
        {
            Console.WriteLine($"Retention: removed the per-worker rows of {pruned.Count} older scan(s) ({options.Value.Retention.KeepWhole} scans and the newest are kept whole).");
        }

        return 0;
    }

    public static void Print(ScanResult result, string currency)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output has no terminal width; a log file reads better with the table on one line per rule.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        }

        var table = new Table().Title($"Scan {result.ScanId} as of {result.AsOf:yyyy-MM-dd}: {result.BatchesRead.ToString("N0", CultureInfo.InvariantCulture)} batches in {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        table.AddColumns("Rule", "Findings", "Affected workers", "New", "Resolved", $"Exposure low ({currency})", $"Exposure high ({currency})");
        foreach (var rule in result.Rules)
        {
            table.AddRow(
                $"{rule.Rule} {Markup.Escape(Audit.Reports.Models.RuleCatalog.Title(rule.Rule))}",
                N(rule.Findings), N(rule.AffectedWorkers), N(rule.New), N(rule.Resolved), M(rule.ExposureLow), M(rule.ExposureHigh));
        }

        table.AddRow("[bold]Total[/]", N(result.Rules.Sum(r => r.Findings)), string.Empty, N(result.Rules.Sum(r => r.New)), N(result.Rules.Sum(r => r.Resolved)),
            $"[bold]{M(result.Exposure.Low)}[/]", $"[bold]{M(result.Exposure.High)}[/]");
        AnsiConsole.Write(table);
        var grades = Records.ScanSummary.GradesOf(result.Exposure, result.Grounded, result.ExposureLines);
        Console.WriteLine($"Exposure by confidence: grades A and B {Audit.Reports.Wording.ExposureWording.GroundedPart(grades, currency)}; grade C {Audit.Reports.Wording.ExposureWording.GradeCPart(grades, currency)}.");
        Console.WriteLine("Exposure is an estimate to support counsel, not legal advice; regulator caps bound the total, so rules do not add up to it.");
        if (PurgeLine(result) is { } purges)
        {
            Console.WriteLine(purges);
        }

        if (!result.UpdatedLiveFindings)
        {
            Console.WriteLine("A newer scan exists: this one is kept as history and did not change the live findings.");
        }
    }

    /// <summary>What the recorded purges changed, when any reached a finding's data: whose data is gone and where some is still held.</summary>
    public static string? PurgeLine(ScanResult result)
    {
        var purged = result.DataHeld.SelectMany(f => f.Value).Where(h => h.PurgedOn is not null)
            .DistinctBy(h => h.Dataset, StringComparer.Ordinal).OrderBy(h => h.Dataset, StringComparer.Ordinal).ToList();
        if (purged.Count == 0)
        {
            return null;
        }

        var gone = result.DataHeld.Count(f => f.Value.Count > 0 && f.Value.All(h => !h.StillHeld));
        var partly = result.DataHeld.Where(f => f.Value.Any(h => !h.StillHeld) && f.Value.Any(h => h.StillHeld)).ToList();
        var still = partly.SelectMany(f => f.Value).Where(h => h.StillHeld).Select(h => h.Dataset).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return $"Purges recorded by the as-of day: {string.Join(", ", purged.Select(h => $"{h.Dataset} on {h.PurgedOn:yyyy-MM-dd}"))}. "
            + $"The data of {N(gone)} finding(s) is no longer held in any training set or model"
            + (partly.Count > 0 ? $"; of {N(partly.Count)} more it is still held in {string.Join(", ", still)}" : string.Empty)
            + ". Past conduct stays: the findings and their exposure are unchanged (`plan` prices what is left).";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string M(decimal m) => m.ToString("N0", CultureInfo.InvariantCulture);
}
