
namespace Audit.Rules;

/// <summary>
/// Rule 6: a program says EU/EEA staff (or the configured set: UK, CH) are exempt, yet batches of workers located
/// there at capture time exist under its configs, or reach its training sinks from any tool (data from another
/// tool is no less the worker's) — relocations included. Also flags an exemption with no written rationale:
/// regulators read an exemption as an admission.
/// </summary>
public sealed class R6EuExemptionMismatch : IAuditRule
{
    private readonly FindingSet _findings = new();
    private readonly ProgramSinks _programSinks = new();
    private readonly List<HeldBatch> _held = [];
    private readonly Labels<string> _locatedIn = new(static country => $"batches of workers located in {country} at capture time", StringComparer.Ordinal);
    private readonly Labels<ConfigInfo> _otherTool = new(static c => $"of which captured by another tool ({c.Key}) and carried into the program's training", ReferenceEqualityComparer.Instance);
    private readonly Labels<WorkerInfo> _relocated = new(static w => $"batches of relocated workers (e.g. {w.WorkerId})", ReferenceEqualityComparer.Instance);
    private readonly Labels<(string Config, string Country)> _notExcluded = new(static k => $"of which captured under {k.Config}, whose scope does not exclude {k.Country}");
    private IReadOnlySet<string> _exemptCountries = new HashSet<string>();
    private bool _anyExempt;
    private bool _severalExempt;

    public RuleCode Code => RuleCode.R6;

    public void Prepare(ScanContext context)
    {
        _exemptCountries = context.Settings.Jurisdictions.ExemptCountries();
        _anyExempt = context.Snapshot.Programs.Values.Any(p => p.EuExempt);
        _severalExempt = context.Snapshot.Programs.Values.Count(p => p.EuExempt) > 1;
    }

    public void Observe(BatchFacts batch)
    {
        if (!_anyExempt)
        {
            return;
        }

        _programSinks.Observe(batch);

        if (batch.Location is not { } location || !_exemptCountries.Contains(location.Country))
        {
            return;
        }

        // The program's own captures count as they are; other batches are held until its training sinks are known.
        if (batch.Program is { EuExempt: true } program)
        {
            Count(HeldBatch.Of(batch), program, own: true, reachesTraining: batch.Training is not null);
        }

        if (batch.Training is not null && (batch.Program is not { EuExempt: true } || _severalExempt))
        {
            _held.Add(HeldBatch.Of(batch));
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var sinksOf = _programSinks.Resolve(context.Graph);
        var exempt = context.Snapshot.Programs.Values.Where(p => p.EuExempt).OrderBy(p => p.ProgramId, StringComparer.Ordinal).ToList();
        foreach (var batch in _held)
        {
            foreach (var program in exempt)
            {
                if (program.ProgramId != batch.Program?.ProgramId
                    && sinksOf.TryGetValue(program.ProgramId, out var sinks)
                    && context.Graph.FirstTrainingSinkReached(batch.Dataset.DatasetId, batch.CapturedFrom, DateTime.MinValue, sinks) is not null)
                {
                    Count(batch, program, own: false, reachesTraining: true);
                }
            }
        }

        foreach (var finding in _findings.All)
        {
            finding.Evidence("program", finding.SubjectKey);
            finding.Evidence("jurisdictionSets", string.Join(", ", context.Settings.Jurisdictions.ExemptionSetNames()));
            finding.Evidence("rule", "Location is taken at capture time, so a worker who moved into the EU is counted from the move; batches from any tool that reach the program's training count.");
            yield return finding;
        }

        foreach (var program in context.Snapshot.Programs.Values.Where(p => p.EuExempt && string.IsNullOrWhiteSpace(p.EuExemptionRationale)).OrderBy(p => p.ProgramId, StringComparer.Ordinal))
        {
            var finding = new FindingBuilder(Code, "program-rationale", program.ProgramId, Severity.Medium, $"{program.Name} exempts EU/EEA staff with no written rationale");
            finding.Evidence("program", program.ProgramId);
            finding.Evidence("rule", "An exemption without a written rationale reads to a regulator as an admission that the program would not survive EU law.");
            yield return finding;
        }
    }

    private void Count(HeldBatch batch, ProgramInfo program, bool own, bool reachesTraining)
    {
        var country = batch.Location!.Country;
        var finding = _findings.Get(Code, "program", program.ProgramId, Severity.High, program,
            static program => $"{program.Name} exempts EU/EEA staff, but captures workers located there");
        batch.AddTo(finding);
        finding.Count(_locatedIn[country]);
        if (reachesTraining)
        {
            finding.Count("of which reach training");
            finding.Figures.BatchesReachingTraining = (finding.Figures.BatchesReachingTraining ?? 0) + 1;
            finding.Escalate(Severity.Critical);
        }

        if (!own)
        {
            finding.Count(_otherTool[batch.Config]);
        }

        if (batch.Worker.MovedBetweenCountries)
        {
            finding.Count(_relocated[batch.Worker]);
        }

        if (own && !batch.Config.CountriesExcluded.Contains(country))
        {
            finding.Count(_notExcluded[(batch.Config.Key, country)]);
        }
    }
}
