using Audit.Service.Configuration;
using System.ComponentModel;
using System.Text.Json;
using Audit.Reports.Wording;
using Audit.Service.Data;
using Audit.Service.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// `audit plan [--scan N] [--json]`: the remediation plan of a scan, each open finding with its priced options,
/// recommended first. Exit 64 for a scan id the database does not hold, 66 when no scan was made yet, 78 when the
/// remedy table is not valid (CliApp maps the ConfigurationException).
/// </summary>
internal sealed class PlanCommand(Migrator migrator, PlanService plans) : AsyncCommand<PlanCommand.Settings>
{
    /// <summary>EX_NOINPUT: nothing to plan from.</summary>
    public const int NoScan = 66;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--scan <N>")]
        [Description("The scan to plan from (default: the newest).")]
        public long? Scan { get; init; }

        [CommandOption("--json")]
        [Description("Print the plan as GET /api/v1/plan answers it.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Scan is <= 0 ? ValidationResult.Error("--scan: a scan id is a positive number") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        RemediationPlan? plan;
        try
        {
            plan = await plans.PlanAsync(settings.Scan, cancellationToken);
        }
        catch (UnknownScanException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (plan is null)
        {
            await Console.Error.WriteLineAsync($"audit: no scan yet: run `{Invocation.Command("scan")}` first.");
            return NoScan;
        }

        if (settings.Json)
        {
            Console.Write(JsonSerializer.Serialize(PlanDocument.From(plan), CliApp.ApiJson) + "\n");
            return ExitCodes.Ok;
        }

        Write(plan);
        return ExitCodes.Ok;
    }

    private static void Write(RemediationPlan plan)
    {
        var cur = plan.Currency;
        string Range(Audit.Rules.ExposureRange r) => r.Low == 0 && r.High == 0 ? $"{cur} 0" : $"{cur} {CountFormatter.ShortRange(r.Low, r.High)}";
        Console.WriteLine($"Remediation plan from scan {plan.ScanId} as of {CountFormatter.Date(plan.AsOf)}: {plan.Findings.Count} open finding(s); options recommended first (*).");
        foreach (var planned in plan.Findings)
        {
            var f = planned.Finding;
            Console.WriteLine();
            Console.WriteLine($"{f.FindingKey} ({f.Severity}): {f.Title}");
            Console.WriteLine($"  exposure {Range(f.Exposure)}; "
                + (planned.AccruingPerMonth.High > 0 ? $"accruing {Range(planned.AccruingPerMonth)} a month while the conduct goes on" : "nothing accruing now (the conduct priced ended before the last month, or is priced once)"));
            if (f.DataHeld is { Count: > 0 } held)
            {
                var still = held.Where(h => h.StillHeld).Select(h => h.Dataset).ToList();
                Console.WriteLine($"  data held in: {(still.Count > 0 ? string.Join(", ", still) : "nothing any more")}"
                    + string.Concat(f.Purged.Select(h => $"; purged from {h.Dataset} on {CountFormatter.Date(h.PurgedOn!.Value)} ({h.PurgeReference})")));
            }

            if (planned.Options.Count == 0)
            {
                Console.WriteLine($"  no remedy of templates/remedies.csv applies to {f.Rule}: add one.");
            }

            for (var i = 0; i < planned.Options.Count; i++)
            {
                var o = planned.Options[i];
                Console.WriteLine($"  {(i == 0 ? "*" : " ")} {o.Id}: {o.Title}");
                Console.WriteLine($"      cost {Range(o.Cost)}; exposure after {Range(o.ExposureAfter)}"
                    + (o.Retires.Count > 0 ? $" (settles {string.Join(", ", o.Retires)})" : string.Empty)
                    + (o.StopsAccrual ? "; stops what accrues" : planned.AccruingPerMonth.High > 0 ? $"; still accrues {Range(o.AccrualAfter)} a month" : string.Empty)
                    + $"; {o.Owner}, by {CountFormatter.Date(o.Deadline)}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(PlanDocument.Explanation);
    }
}
