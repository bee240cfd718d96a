using Audit.Reports.Models;
using Audit.Service.Domain;

namespace Audit.Service.Rules;

/// <summary>
/// Rule 8, three checks per config version: (a) it enables capabilities no notice for its tool or program
/// names; (b) it is declared for security only yet records full work trajectories (screenshots + UI tree +
/// keystrokes or window text), one change away from training use; (c) it adds capabilities or purposes over
/// the previous version without a new notice version (drift).
/// </summary>
public sealed class R8CaptureBeyondNotice : IAuditRule
{
    private readonly Dictionary<string, Dictionary<int, LocationSpan?>> _workersByConfig = new(StringComparer.Ordinal);

    public RuleCode Code => RuleCode.R8;

    public void Observe(BatchFacts batch)
    {
        if (!_workersByConfig.TryGetValue(batch.Config.Key, out var workers))
        {
            _workersByConfig[batch.Config.Key] = workers = [];
        }

        workers.TryAdd(batch.Worker.Index, batch.Location);
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var snapshot = context.Snapshot;
        foreach (var tool in snapshot.Configs.Values.GroupBy(c => c.ToolId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ConfigInfo? previous = null;
            foreach (var config in tool.OrderBy(c => c.EffectiveFrom))
            {
                var inForceUntil = config.EffectiveTo ?? snapshot.AsOf;
                var notices = snapshot.Notices.Where(n => n.Covers(config) && n.PublishedOn <= inForceUntil).ToList();
                var named = notices.Aggregate(Capability.None, (all, n) => all | n.Capabilities);
                var missing = config.Capabilities & ~named;
                if (missing != Capability.None)
                {
                    var finding = New(config, "beyond-notice", config.ForAiTraining ? Severity.High : Severity.Medium,
                        $"{config.Key} captures {Codes.ToCodeSet(missing).Replace(";", ", ", StringComparison.Ordinal)} that no notice names", context);
                    finding.Evidence("notNamed", Codes.ToCodeSet(missing));
                    finding.Evidence("noticesConsidered", notices.Count == 0 ? "none" : string.Join(", ", notices.Select(n => n.NoticeId)));
                    yield return finding;
                }

                if (config.SecurityOnly && config.TrajectoryGrade)
                {
                    var finding = New(config, "trajectory-grade", Severity.Medium,
                        $"{config.Key} is declared for security only but records full work trajectories", context);
                    finding.Evidence("capabilities", Codes.ToCodeSet(config.Capabilities));
                    finding.Evidence("rule", "Screenshots, the UI tree and keystrokes or window text are exactly what agent training needs: one config change from training use.");
                    yield return finding;
                }

                if (previous is not null)
                {
                    var addedCaps = config.Capabilities & ~previous.Capabilities;
                    var addedPurposes = config.Purposes & ~previous.Purposes;
                    var newNotice = snapshot.Notices.Any(n => n.Covers(config) && n.PublishedOn > previous.EffectiveFrom && n.PublishedOn <= config.EffectiveFrom);
                    if ((addedCaps != Capability.None || addedPurposes != Purpose.None) && !newNotice)
                    {
                        var finding = New(config, "drift", addedPurposes.HasFlag(Purpose.AiTraining) ? Severity.High : Severity.Medium,
                            $"{config.Key} widened capture over {previous.Version} without a new notice", context);
                        finding.Evidence("previousVersion", previous.Version);
                        finding.Evidence("addedCapabilities", Codes.ToCodeSet(addedCaps));
                        finding.Evidence("addedPurposes", Codes.ToCodeSet(addedPurposes));
                        yield return finding;
                    }
                }

                previous = config;
            }
        }
    }

    private FindingBuilder New(ConfigInfo config, string check, Severity severity, string title, ScanContext context)
    {
        var finding = new FindingBuilder(Code, "config-" + check, config.Key, severity, title);
        foreach (var (index, location) in _workersByConfig.GetValueOrDefault(config.Key) ?? [])
        {
            finding.AddWorker(context.Snapshot.WorkersByIndex[index], location);
        }

        finding.See(config.EffectiveFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), (config.EffectiveTo ?? context.Snapshot.AsOf).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        finding.EvidenceOfConfig(config, context.Snapshot);
        return finding;
    }
}
