using System.Globalization;

namespace Audit.Rules;

/// <summary>
/// Rule 8, three checks per config version in force: (a) it enables capabilities that no notice in force for its tool
/// or program names; (b) it is declared for security only yet records full work trajectories (screenshots + UI tree +
/// keystrokes or window text), one change away from training use; (c) it adds capabilities or purposes over the
/// previous version without a notice of its series, published for the change, that names them (drift). A version
/// that has ended is history: its findings resolve.
/// </summary>
public sealed class R8CaptureBeyondNotice : IAuditRule
{

    public RuleCode Code => RuleCode.R8;

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var snapshot = context.Snapshot;
        foreach (var tool in snapshot.Configs.Values.GroupBy(c => c.ToolId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ConfigInfo? previous = null;
            foreach (var config in tool.OrderBy(c => c.EffectiveFrom).ThenBy(c => c.Version, StringComparer.Ordinal))
            {
                if (config.InForce)
                {
                    foreach (var finding in Judge(config, previous, context))
                    {
                        yield return finding;
                    }
                }

                previous = config;
            }
        }
    }

    private IEnumerable<FindingBuilder> Judge(ConfigInfo config, ConfigInfo? previous, ScanContext context)
    {
        var snapshot = context.Snapshot;
        var notices = snapshot.NoticesInForce(config);
        var named = notices.Aggregate(Capability.None, (all, n) => all | n.Capabilities);
        var missing = config.Capabilities & ~named;
        if (missing != Capability.None)
        {
            var finding = New(config, "beyond-notice", config.ForAiTraining ? Severity.High : Severity.Medium,
                $"{config.Key} captures {Labels.Set(missing)} that no notice names", context);
            finding.Basis = ExposureBasis.NoticeViolation;
            finding.Evidence("notNamed", Codes.ToCodeSet(missing));
            finding.Evidence("noticesConsidered", notices.Count == 0 ? "none" : string.Join(", ", notices.Select(n => n.NoticeId)));
            yield return finding;
        }

        if (config.SecurityOnly && config.TrajectoryGrade)
        {
            var finding = New(config, "trajectory-grade", Severity.Medium,
                $"{config.Key} is declared for security only but records full work trajectories", context);
            finding.Basis = ExposureBasis.RiskOnly;
            finding.Evidence("capabilities", Codes.ToCodeSet(config.Capabilities));
            finding.Evidence("rule", "Screenshots, the UI tree and keystrokes or window text are exactly what agent training needs: one config change from training use.");
            yield return finding;
        }

        if (previous is null)
        {
            yield break;
        }

        var addedCaps = config.Capabilities & ~previous.Capabilities;
        var addedPurposes = config.Purposes & ~previous.Purposes;
        if (addedCaps == Capability.None && addedPurposes == Purpose.None)
        {
            yield break;
        }

        // Only a notice of the config's own series, published for the change, that names what was added clears it.
        var cleared = snapshot.Notices.Any(n => n.OfSeriesOf(config) && n.PublishedOn > previous.EffectiveFrom && n.PublishedOn <= config.EffectiveFrom
            && (n.Capabilities & addedCaps) == addedCaps && (n.Purposes & addedPurposes) == addedPurposes);
        if (!cleared)
        {
            var added = string.Join(", ", new[] { Labels.Set(addedCaps), Labels.Set(addedPurposes) }.Where(x => x.Length > 0));
            var finding = New(config, "drift", addedPurposes.HasFlag(Purpose.AiTraining) ? Severity.High : Severity.Medium,
                $"{config.Key} widened capture over {previous.Version} ({added}) without a notice published for the change", context);
            finding.Basis = ExposureBasis.NoticeViolation;
            finding.Evidence("previousVersion", previous.Version);
            finding.Evidence("addedCapabilities", Codes.ToCodeSet(addedCaps));
            finding.Evidence("addedPurposes", Codes.ToCodeSet(addedPurposes));

            // A notice naming the additions that came only after the version took effect does not clear the drift
            // (settled readings): the finding names it, and how many of the version's workers acknowledged it, so a
            // reader who finds it in the notices sees why it does not count.
            var late = snapshot.Notices
                .Where(n => n.OfSeriesOf(config) && n.PublishedOn > config.EffectiveFrom && (n.Capabilities & addedCaps) == addedCaps && (n.Purposes & addedPurposes) == addedPurposes)
                .OrderBy(n => n.PublishedOn).ThenBy(n => n.NoticeId, StringComparer.Ordinal).ToList();
            if (late.Count > 0)
            {
                var workers = finding.Workers.Keys.ToList();
                finding.Evidence("laterNotices", string.Join("; ", late.Select(n =>
                {
                    var acknowledged = workers.Count(i => context.Snapshot.WorkersByIndex[i].Acknowledgements.Any(a => a.Notice.NoticeId == n.NoticeId));
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{n.NoticeId} (published {n.PublishedOn:yyyy-MM-dd}, after {config.Version} took effect on {config.EffectiveFrom:yyyy-MM-dd}) names them; acknowledged by {acknowledged:N0} of its {workers.Count:N0} workers; a notice after the change does not clear it");
                })));
            }

            yield return finding;
        }
    }

    private FindingBuilder New(ConfigInfo config, string check, Severity severity, string title, ScanContext context)
    {
        var finding = new FindingBuilder(Code, "config-" + check, config.Key, severity, title);
        context.ConfigWorkers.AddTo(finding, config, context);
        var (from, to) = context.Snapshot.InForceSpan(config);
        finding.See(from, to);
        finding.EvidenceOfConfig(config, context.Snapshot);
        return finding;
    }
}
