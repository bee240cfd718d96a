using Audit.Reports.Models;
using Audit.Service.Domain;

namespace Audit.Service.Rules;

/// <summary>
/// Rule 5: a program or config with the ai_training purpose whose notice offers no opt-out, or whose only
/// way out is to relocate or leave the job. One finding per program (per config when it has no program).
/// </summary>
public sealed class R5NoRealOptOut : IAuditRule
{
    private readonly Dictionary<string, HashSet<int>> _workersByConfig = new(StringComparer.Ordinal);
    private readonly Dictionary<int, LocationSpan?> _locations = [];

    public RuleCode Code => RuleCode.R5;

    public void Observe(BatchFacts batch)
    {
        if (!batch.Config.ForAiTraining)
        {
            return;
        }

        if (!_workersByConfig.TryGetValue(batch.Config.Key, out var workers))
        {
            _workersByConfig[batch.Config.Key] = workers = [];
        }

        if (workers.Add(batch.Worker.Index))
        {
            _locations[batch.Worker.Index] = batch.Location;
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var findings = new FindingSet();
        foreach (var config in context.Snapshot.Configs.Values.Where(c => c.ForAiTraining).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var program = context.Snapshot.ProgramOf(config);
            var notices = context.Snapshot.Notices.Where(n => n.Covers(config)).ToList();
            var reasons = new List<string>();
            if (program is { OptOut: OptOutMechanism.None or OptOutMechanism.Relocation or OptOutMechanism.LeaveJob })
            {
                reasons.Add($"the program's only way out is '{Codes.ToCode(program.OptOut)}'{(program.OptOutDescription is null ? string.Empty : $" ({program.OptOutDescription})")}");
            }

            if (notices.Count == 0)
            {
                reasons.Add("no notice covers it at all");
            }
            else if (notices.All(n => !n.OffersOptOut))
            {
                reasons.Add($"no notice offers an opt-out ({string.Join(", ", notices.Select(n => n.NoticeId))})");
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            var (kind, key, name) = program is null ? ("config", config.Key, config.Key) : ("program", program.ProgramId, program.Name);
            var finding = findings.Get(Code, kind, key, Severity.High, () => $"No real opt-out from AI training in {name}");
            foreach (var reason in reasons)
            {
                finding.Count($"{config.Key}: {reason}");
            }

            foreach (var index in _workersByConfig.GetValueOrDefault(config.Key) ?? [])
            {
                finding.AddWorker(context.Snapshot.WorkersByIndex[index], _locations[index]);
            }

            finding.See(config.EffectiveFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), (config.EffectiveTo ?? context.Snapshot.AsOf).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            finding.Evidence("rule", "An opt-out is real when a worker can use it and stay in their job and their country.");
        }

        return findings.All;
    }
}
