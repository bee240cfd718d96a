
namespace Audit.Rules;

/// <summary>
/// Rule 3: data captured before the worker's AI-training consent, or before the config version that added
/// the ai_training purpose, is used for training. One finding per capture config.
/// </summary>
public sealed class R3RetroactiveScopeExpansion : IAuditRule
{
    private readonly FindingSet _findings = new();
    private Dictionary<ConfigInfo, ConfigInfo> _laterTrainingVersion = new(ReferenceEqualityComparer.Instance);
    private readonly Labels<NoticeInfo> _beforeConsent = new(static n => $"batches captured before the worker acknowledged {n.NoticeId}", ReferenceEqualityComparer.Instance);
    private readonly Labels<ConfigInfo> _beforePurpose = new(static later => $"batches captured before version {later.Version} added the ai_training purpose ({later.EffectiveFrom:yyyy-MM-dd})", ReferenceEqualityComparer.Instance);

    public RuleCode Code => RuleCode.R3;

    public void Prepare(ScanContext context)
    {
        // For each config without the ai_training purpose: the first later version of the same tool that has it.
        _laterTrainingVersion = new(ReferenceEqualityComparer.Instance);
        foreach (var group in context.Snapshot.Configs.Values.GroupBy(c => c.ToolId))
        {
            var versions = group.OrderBy(c => c.EffectiveFrom).ToList();
            for (var i = 0; i < versions.Count; i++)
            {
                if (versions[i].ForAiTraining)
                {
                    continue;
                }

                var later = versions.Skip(i + 1).FirstOrDefault(v => v.ForAiTraining);
                if (later is not null)
                {
                    _laterTrainingVersion[versions[i]] = later;
                }
            }
        }
    }

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is null)
        {
            return;
        }

        var config = batch.Config;
        var consent = batch.Worker.FirstAiTrainingNotice(config);
        var consentCameLater = consent is not null && consent.At > batch.CapturedFrom;
        var purposeCameLater = _laterTrainingVersion.TryGetValue(config, out var later);
        if (!consentCameLater && !purposeCameLater)
        {
            return;
        }

        var finding = _findings.Get(Code, "config", config.Key, Severity.High, config,
            static config => $"Data captured under {config.Key} before training was disclosed is used for training");
        finding.AddBatch(batch);
        if (consentCameLater)
        {
            finding.Count(_beforeConsent[consent!.Notice]);
        }

        if (purposeCameLater)
        {
            finding.Count(_beforePurpose[later!]);
        }

        finding.EscalateIfCommercial(batch);
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            finding.EvidenceOfConfig(context.Snapshot.Configs.Values.First(c => c.Key == finding.SubjectKey), context.Snapshot);
            finding.Evidence("rule", "Consent or a declared training purpose that arrives later does not reach back to data already captured.");
            yield return finding;
        }
    }
}
