
namespace Audit.Rules;

/// <summary>
/// Rule 9: workers whose data reached training and who were let go in a reduction in force within N days
/// (default 180) of their last contributing capture; and a reduction in force announced within N days
/// before or after an AI-investment announcement.
/// </summary>
public sealed class R9TrainThenTrim : IAuditRule
{
    /// <summary>How far a termination date may sit from a reduction-in-force event and still belong to it.</summary>
    private const int MatchDays = 14;

    private readonly Dictionary<int, (DateTime LastCapture, LocationSpan? Location)> _lastContribution = [];

    public RuleCode Code => RuleCode.R9;

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is null)
        {
            return;
        }

        if (!_lastContribution.TryGetValue(batch.Worker.Index, out var last) || batch.CapturedTo > last.LastCapture)
        {
            _lastContribution[batch.Worker.Index] = (batch.CapturedTo, batch.Location);
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var window = context.Settings.ReductionInForceWindowDays;
        var reductions = context.Snapshot.WorkforceEvents.Where(e => e.Kind == WorkforceEventKind.ReductionInForce).OrderBy(e => e.AnnouncedOn).ToList();
        var findings = new FindingSet();
        var daysToTermination = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (index, (lastCapture, location)) in _lastContribution.OrderBy(p => p.Key))
        {
            var worker = context.Snapshot.WorkersByIndex[index];
            if (worker.TerminationReason != TerminationReason.ReductionInForce || worker.TerminationDate is not { } terminated)
            {
                continue;
            }

            var days = terminated.DayNumber - DateOnly.FromDateTime(lastCapture).DayNumber;
            if (days < 0 || days > window)
            {
                continue;
            }

            var matched = reductions.FirstOrDefault(r => Math.Abs((r.EffectiveOn ?? r.AnnouncedOn).DayNumber - terminated.DayNumber) <= MatchDays);
            // Keyed by the termination date, never by the event: a finding keeps its identity when the event behind it is imported later.
            var finding = findings.Get(Code, "reduction-in-force", terminated.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Severity.High,
                () => $"Workers whose data trained models were let go in the reduction in force of {terminated:yyyy-MM-dd}");
            if (matched is not null)
            {
                finding.Evidence("workforceEvent", $"{matched.EventId} announced {matched.AnnouncedOn:yyyy-MM-dd}");
            }

            // A layoff's conduct date is the termination date.
            finding.AddWorker(worker, location);
            finding.AddAct(worker, $"{Code}:termination", terminated, terminated);
            finding.See(lastCapture, terminated.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            finding.Count($"let go within {window} days of their last contributing capture");
            daysToTermination[finding.Key] = daysToTermination.GetValueOrDefault(finding.Key) + days;
        }

        foreach (var finding in findings.All)
        {
            finding.Evidence("windowDays", System.Text.Json.Nodes.JsonValue.Create(window));
            finding.Evidence("averageDaysFromLastContributionToTermination", System.Text.Json.Nodes.JsonValue.Create(Math.Round((decimal)daysToTermination[finding.Key] / finding.Workers.Count, 1)));
            yield return finding;
        }

        var announcements = context.Snapshot.WorkforceEvents.Where(e => e.Kind == WorkforceEventKind.AiInvestmentAnnouncement).OrderBy(e => e.AnnouncedOn).ToList();
        foreach (var reduction in reductions.OrderBy(r => r.AnnouncedOn).ThenBy(r => r.EventId, StringComparer.Ordinal))
        {
            // Either side: a layoff announced shortly before an AI announcement is as telling as one shortly after.
            var near = announcements.Where(a => Math.Abs(reduction.AnnouncedOn.DayNumber - a.AnnouncedOn.DayNumber) <= window).ToList();
            if (near.Count == 0)
            {
                continue;
            }

            var nearest = near.OrderBy(a => Math.Abs(reduction.AnnouncedOn.DayNumber - a.AnnouncedOn.DayNumber)).ThenBy(a => a.AnnouncedOn).First();
            var gap = reduction.AnnouncedOn.DayNumber - nearest.AnnouncedOn.DayNumber;
            var finding = new FindingBuilder(Code, "workforce-event-after-ai", reduction.EventId, Severity.Medium,
                $"Reduction in force {reduction.EventId} announced {Math.Abs(gap)} days {(gap >= 0 ? "after" : "before")} an AI-investment announcement");
            finding.Evidence("reductionInForce", $"{reduction.EventId} announced {reduction.AnnouncedOn:yyyy-MM-dd}: {reduction.Description}");
            finding.Evidence("aiAnnouncements", string.Join("; ", near.Select(a => $"{a.EventId} {a.AnnouncedOn:yyyy-MM-dd}: {a.Description}")));
            var first = near[0].AnnouncedOn < reduction.AnnouncedOn ? near[0].AnnouncedOn : reduction.AnnouncedOn;
            var last = near[^1].AnnouncedOn > reduction.AnnouncedOn ? near[^1].AnnouncedOn : reduction.AnnouncedOn;
            finding.See(first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), last.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            foreach (var worker in context.Snapshot.WorkersByIndex.Where(w => w.TerminationReason == TerminationReason.ReductionInForce
                && w.TerminationDate is { } t && Math.Abs((reduction.EffectiveOn ?? reduction.AnnouncedOn).DayNumber - t.DayNumber) <= MatchDays))
            {
                var terminated = worker.TerminationDate!.Value;
                finding.AddWorker(worker, worker.LocationAt(terminated) ?? worker.Locations.LastOrDefault());
                finding.AddAct(worker, $"{Code}:termination", terminated, terminated);
            }

            yield return finding;
        }
    }
}
