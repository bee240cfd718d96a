
namespace Audit.Rules;

/// <summary>
/// Rule 5: a program or config with the ai_training purpose whose notice offers no opt-out, or whose only
/// way out is to relocate or leave the job. One finding per program (per config when it has no program).
/// </summary>
public sealed class R5NoRealOptOut : IAuditRule
{
    public RuleCode Code => RuleCode.R5;

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var findings = new FindingSet();
        var snapshot = context.Snapshot;
        var reasonsOf = new Dictionary<FindingBuilder, List<string>>();

        // A program is judged while one of its config versions is in force; an ended version is history.
        foreach (var config in snapshot.Configs.Values.Where(c => c.ForAiTraining && c.InForce).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var program = snapshot.ProgramOf(config);

            // Only the versions in force count, and only those about AI training: a security notice's opt-out is not one from training.
            var inForce = snapshot.NoticesInForce(config);
            var training = inForce.Where(n => n.Purposes.HasFlag(Purpose.AiTraining)).ToList();
            var reasons = new List<string>();
            if (program is { OptOut: OptOutMechanism.None or OptOutMechanism.Relocation or OptOutMechanism.LeaveJob })
            {
                var way = program.OptOut switch
                {
                    OptOutMechanism.Relocation => "the program's only way out is to relocate",
                    OptOutMechanism.LeaveJob => "the program's only way out is to leave the job",
                    _ => "the program offers no way out",
                };
                reasons.Add(way + (program.OptOutDescription is null ? string.Empty : $" (\"{program.OptOutDescription}\")"));
            }

            if (inForce.Count == 0)
            {
                reasons.Add("no notice covers it at all");
            }
            else if (training.Count == 0)
            {
                reasons.Add($"no notice in force names AI training (in force: {string.Join(", ", inForce.Select(n => n.NoticeId))})");
            }
            else if (training.All(n => !n.OffersOptOut))
            {
                reasons.Add($"no notice offers an opt-out (in force: {string.Join(", ", training.Select(n => n.NoticeId))})");
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            var (kind, key, name) = program is null ? ("config", config.Key, config.Key) : ("program", program.ProgramId, program.Name);
            var finding = findings.Get(Code, kind, key, Severity.High, () => $"No real opt-out from AI training in {name}");
            // Reasons are facts to read, one line per config version, not counts: "1 mci-recorder 1.1: ..." read as a machine wrote it.
            if (!reasonsOf.TryGetValue(finding, out var lines))
            {
                reasonsOf[finding] = lines = [];
            }

            lines.Add($"{config.Key}: {string.Join("; and ", reasons)}");

            context.ConfigWorkers.AddTo(finding, config, context);
            var (from, to) = snapshot.InForceSpan(config);
            finding.See(from, to);
            finding.Evidence("rule", "An opt-out is real when a worker can use it and stay in their job and their country; only the notice version in force counts.");
        }

        foreach (var (finding, lines) in reasonsOf)
        {
            finding.Evidence("noRealOptOut", new System.Text.Json.Nodes.JsonArray([.. lines.Select(l => (System.Text.Json.Nodes.JsonNode)l!)]));
        }

        return findings.All;
    }
}
