using System.ComponentModel;
using System.Globalization;
using System.Text;
using Audit.Service.Data;
using Audit.Service.Records;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>`audit explain ID [--scan N]`: the recorded facts that made a finding fire, in plain words for counsel.</summary>
internal sealed class ExplainCommand(Migrator migrator, FindingExplainer explainer, Microsoft.Extensions.Options.IOptions<Configuration.AuditOptions> options) : AsyncCommand<ExplainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The finding id, as `audit findings list` shows it.")]
        public string Id { get; init; } = string.Empty;

        [CommandOption("--scan <N>")]
        [Description("The scan whose record to explain (default: the newest scan that recorded the finding).")]
        public long? Scan { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        try
        {
            var explanation = await explainer.ExplainAsync(settings.Id, settings.Scan, cancellationToken);
            Console.Write(ExplanationText.Render(explanation, options.Value.ReportCurrency));
            return 0;
        }
        catch (Exception ex) when (ex is FindingNotFoundException or ScanNotFoundException)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }
    }
}

/// <summary>The explanation as plain text: dates yyyy-MM-dd, ids as stored, one fact a line.</summary>
public static class ExplanationText
{
    /// <param name="currency">The report currency the scan priced the exposure lines in (a theory's own currency is only where its figures started).</param>
    public static string Render(FindingExplanation e, string currency = "USD")
    {
        var f = e.Finding;
        var s = new StringBuilder();
        void Line(string text) => s.Append(text).Append('\n');

        Line($"Finding {f.FindingKey} ({f.RuleCode}, {f.Severity}): {f.Title}");
        Line($"  Scan {f.ScanId} as of {D(f.AsOf)}; {f.Change}. Subject: {f.SubjectKind} {f.SubjectKey}{(f.SubjectName is null || f.SubjectName == f.SubjectKey ? string.Empty : $" ({f.SubjectName})")}.");
        Line($"  Data first seen {D(f.FirstSeen)}, last seen {D(f.LastSeen)}; {N(f.AffectedWorkerCount)} worker(s), {N(f.Batches)} batch(es), {N(f.ActiveMinutes)} active minute(s).");
        Line("  Read from the scan record and from the input tables as they stood at the end of the as-of day; nothing was re-scanned.");

        if (e.Program is { } p)
        {
            Line(string.Empty);
            Line($"Program {p.ProgramId} ({p.Name}), as its settings are now (they keep no history):");
            Line($"  purpose {p.Purpose}; opt-out {p.OptOut}{(p.OptOutDescription is null ? string.Empty : $" ({p.OptOutDescription})")}; EU/EEA staff exempt: {(p.EuExempt ? "yes" : "no")}{(p.EuExempt ? p.EuExemptionRationale is null ? ", with no written rationale" : $", rationale: {p.EuExemptionRationale}" : string.Empty)}.");
        }

        foreach (var c in e.Configs)
        {
            Line(string.Empty);
            Line($"Config {c.Config.ToolId} version {c.Config.Version}{(c.Config.ProgramId is null ? string.Empty : $" (program {c.Config.ProgramId})")}: effective {D(c.Config.EffectiveFrom)} to {(c.Config.EffectiveTo is null ? "open" : D(c.Config.EffectiveTo))}{(c.InForceOn(f.AsOf) ? ", in force on the as-of date" : ", ended before the as-of date")}.");
            Line($"  purposes: {c.Config.Purposes}; capabilities: {c.Config.Capabilities}.");
            var inForce = c.NoticesInForce;
            foreach (var n in inForce)
            {
                Line($"  Notice in force: {n.NoticeId} ({Series(n.ToolId, n.ProgramId)}, version {n.Version}, published {D(n.PublishedOn)}): purposes {n.Purposes}; capabilities {n.Capabilities}; {(n.OffersOptOut ? "offers an opt-out" : "offers no opt-out")}.");
            }

            foreach (var old in c.Notices.Where(n => !inForce.Contains(n)))
            {
                Line($"  Superseded: {old.NoticeId} ({Series(old.ToolId, old.ProgramId)}, version {old.Version}, published {D(old.PublishedOn)}): purposes {old.Purposes}.");
            }

            if (inForce.Count == 0)
            {
                Line($"  Notice in force: none (no notice of tool {c.Config.ToolId}{(c.Config.ProgramId is null ? string.Empty : $" or program {c.Config.ProgramId}")} published by {D(f.AsOf)}).");
            }
        }

        if (f.AffectedWorkerCount > 0)
        {
            Line(string.Empty);
            Line(e.Workers.Count < f.AffectedWorkerCount
                ? $"Affected workers: {N(f.AffectedWorkerCount)} in all; the first {e.Workers.Count} by id:"
                : $"Affected workers: {N(f.AffectedWorkerCount)}:");
        }

        foreach (var w in e.Workers)
        {
            Line($"  Worker {w.Row.WorkerId}: at capture time in {w.Row.Locations ?? "(not recorded)"}{(w.Row.ConsentState is null ? string.Empty : $"; consent at capture: {w.Row.ConsentState}")}{(w.Row.Quantity is null ? string.Empty : $"; {(f.RuleCode == "R7" ? "uncompensated hours" : "measure")} {w.Row.Quantity.Value.ToString("N1", CultureInfo.InvariantCulture)}")}.");
            foreach (var b in w.Batches)
            {
                Line($"    Captured by {b.ToolId} {b.ConfigVersion} into {b.DatasetKey} ({b.Kind}): {N(b.Batches)} batch(es), {D(b.FirstCapture)} to {D(b.LastCapture)}, {N(b.ActiveMinutes)} active minute(s).");
            }

            foreach (var l in w.Locations)
            {
                Line($"    Based in {l.SubdivisionCode ?? l.CountryCode} from {D(l.ValidFrom)} to {(l.ValidTo is null ? "open" : D(l.ValidTo))}.");
            }

            if (w.Acknowledgements.Count == 0)
            {
                Line($"    Acknowledged no notice by {D(f.AsOf)}.");
            }

            foreach (var a in w.Acknowledgements)
            {
                Line($"    Acknowledged {a.NoticeId} ({Series(a.ToolId, a.ProgramId)}, version {a.Version}, names {a.Purposes}) on {D(a.AcknowledgedAt)}; consented to {a.ConsentPurposes ?? "what the notice names"}.");
            }

            foreach (var o in w.OptOuts)
            {
                Line($"    Opted out of {o.ProgramId} on {D(o.OptedOutAt)} ({o.Scope}).");
            }

            if (w.Termination is { } t)
            {
                var last = w.LastContributingCapture;
                var gap = last is null ? string.Empty : $", {N(t.TerminationDate.DayNumber - DateOnly.FromDateTime(last.Value).DayNumber)} day(s) after the last capture that reached training ({D(last)})";
                Line($"    Let go on {D(t.TerminationDate)} ({t.TerminationReason ?? "no reason recorded"}){gap}.");
            }

            if (f.RuleCode == "R7")
            {
                if (w.Agreements.Count == 0)
                {
                    Line($"    No compensation agreement begun by {D(f.AsOf)}.");
                }

                foreach (var a in w.Agreements)
                {
                    Line($"    Agreement {a.AgreementId} ({a.ProgramId}, {a.Kind}, {a.Currency} {a.Amount.ToString("0.00##", CultureInfo.InvariantCulture)}): {D(a.PeriodFrom)} to {(a.PeriodTo is null ? "open" : D(a.PeriodTo))}.");
                }
            }

            foreach (var path in w.Paths)
            {
                Line($"    Path to {path.Sink.TargetName} ({path.Sink.TargetKind}{(path.Sink.TargetCommercial ? ", commercial" : string.Empty)}):");
                foreach (var edge in path.Edges)
                {
                    Line($"      {edge.SourceNamespace}/{edge.SourceName} -> {edge.TargetNamespace}/{edge.TargetName} by {edge.JobNamespace}/{edge.JobName} ({edge.Transform}), first seen {D(edge.FirstSeen)}, last seen {D(edge.LastSeen)}.");
                }
            }
        }

        if (e.WorkforceEvents.Count > 0)
        {
            Line(string.Empty);
            Line("Workforce events announced by the as-of date, within a year of the finding:");
            foreach (var w in e.WorkforceEvents)
            {
                Line($"  {w.EventId} ({w.Kind}): announced {D(w.AnnouncedOn)}{(w.EffectiveOn is null ? string.Empty : $", effective {D(w.EffectiveOn)}")}{(w.AffectedCount is null ? string.Empty : $", {N(w.AffectedCount.Value)} affected")}{(w.Description is null ? string.Empty : $": {w.Description}")}");
            }
        }

        Line(string.Empty);
        if (e.Exposure.Count == 0)
        {
            Line("Exposure: no legal theory priced this finding.");
        }
        else
        {
            Line($"Exposure: {currency} {M(f.ExposureLow)} to {M(f.ExposureHigh)} in all (an estimate for counsel, not legal advice):");
        }

        foreach (var x in e.Exposure)
        {
            Line($"  {x.TheoryId} ({x.Regime ?? "theory row no longer in the table"}, {x.Jurisdiction}{(x.EffectiveFrom is null ? string.Empty : $", effective from {D(x.EffectiveFrom)}")}): {Units(x, currency)}, {currency} {M(x.Low)} to {M(x.High)}{(x.Capped ? " (capped: the gravest theory of its cap group counts instead)" : string.Empty)}{(x.Currency is { } own && own != currency ? $" (the table's figures are in {own}, converted at the configured rate)" : string.Empty)}; conduct {D(x.ConductFrom)} to {D(x.ConductTo)}.");
            Line(x.PrimarySource is null
                ? "    Primary source: not recorded (re-import the exposure table with primary_source and pinpoint)."
                : $"    Primary source: {x.PrimarySource}; {x.Pinpoint} (last verified {D(x.VerifiedOn)} by {x.VerifiedBy}).");
            Line($"    Also cited: {x.Citation}");
        }

        return s.ToString();
    }

    private static string Series(string? toolId, string? programId) => toolId is not null ? $"tool {toolId}" : $"program {programId}";

    private static string D(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string D(DateTime? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string M(decimal amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What the theory counted, in words: acts, people, offenses, one cap, or the replacement value of the work.</summary>
    private static string Units(ExposureFact x, string currency) => x.Unit switch
    {
        Audit.Rules.ExposureUnits.ReplacementValue => $"replacement value of the uncompensated work {currency} {M(x.Units)}",
        Audit.Rules.ExposureUnits.PerViolation => $"{M(x.Units)} violation{(x.Units == 1 ? string.Empty : "s")} (one per batch)",
        Audit.Rules.ExposureUnits.PerWorker => $"{M(x.Units)} worker{(x.Units == 1 ? string.Empty : "s")}",
        Audit.Rules.ExposureUnits.PerOffense => $"{M(x.Units)} offense{(x.Units == 1 ? string.Empty : "s")}",
        Audit.Rules.ExposureUnits.TurnoverCap => "one regulator's cap",
        _ => $"{x.Units.ToString("0.####", CultureInfo.InvariantCulture)} {x.Unit}",
    };
}
