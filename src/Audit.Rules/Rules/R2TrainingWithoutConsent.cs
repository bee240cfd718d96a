
namespace Audit.Rules;

/// <summary>
/// Rule 2: a worker's batch reaches training, but at capture time the worker had acknowledged no notice
/// naming AI training for that tool or program (security or compliance wording does not cover it).
/// One finding per capture config.
/// </summary>
public sealed class R2TrainingWithoutConsent : IAuditRule
{
    private const string NoNotice = "batches with no notice acknowledged for this tool";

    private readonly FindingSet _findings = new();

    // Described once per notice, not per flagged batch.
    private readonly Labels<NoticeInfo> _held = new(static n => $"batches where the notice acknowledged was {n.Describe()}", ReferenceEqualityComparer.Instance);

    public RuleCode Code => RuleCode.R2;

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is null || batch.Worker.AiTrainingNoticeAt(batch.Config, batch.CapturedFrom) is not null)
        {
            return;
        }

        var config = batch.Config;
        var finding = _findings.Get(Code, "config", config.Key, Severity.High, config,
            static config => $"Captures under {config.Key} reach training without AI-training consent");
        var held = batch.Worker.LatestNoticeAt(config, batch.CapturedFrom);

        // No notice of the tool or program at all: what the monitoring-notice statutes are about.
        finding.AddBatch(batch, withoutAnyNotice: held is null);
        finding.Count(held is null ? NoNotice : _held[held.Notice]);
        finding.EscalateIfCommercial(batch);
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            finding.EvidenceOfConfig(context.Snapshot.Configs.Values.First(c => c.Key == finding.SubjectKey), context.Snapshot);
            finding.Evidence("rule", "Consent is judged at capture time: only an acknowledged notice that names AI training, for this tool or program, covers training use.");
            yield return finding;
        }
    }
}
