using Audit.Reports.Models;

namespace Audit.Service.Rules;

/// <summary>
/// Rule 6: a program says EU/EEA staff (or the configured set: UK, CH) are exempt, yet batches of workers
/// located there at capture time exist or reach training — relocations included. Also flags an exemption
/// with no written rationale: regulators read an exemption as an admission.
/// </summary>
public sealed class R6EuExemptionMismatch : IAuditRule
{
    private readonly FindingSet _findings = new();
    private IReadOnlySet<string> _exemptCountries = new HashSet<string>();

    public RuleCode Code => RuleCode.R6;

    public void Prepare(ScanContext context) => _exemptCountries = context.Options.Jurisdictions.ExemptCountries();

    public void Observe(BatchFacts batch)
    {
        if (batch.Program is not { EuExempt: true } program || batch.Location is not { } location || !_exemptCountries.Contains(location.Country))
        {
            return;
        }

        var finding = _findings.Get(Code, "program", program.ProgramId, Severity.High,
            () => $"{program.Name} exempts EU/EEA staff, but captures workers located there");
        finding.AddBatch(batch);
        finding.Count($"batches of workers located in {location.Country} at capture time");
        if (batch.Training is not null)
        {
            finding.Count("of which reach training");
            finding.Escalate(Severity.Critical);
        }

        if (batch.Worker.Locations.Select(l => l.Country).Distinct().Count() > 1)
        {
            finding.Count($"batches of relocated workers (e.g. {batch.Worker.WorkerId})");
        }

        if (!batch.Config.CountriesExcluded.Contains(location.Country))
        {
            finding.Count($"config {batch.Config.Key} does not exclude {location.Country}");
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            finding.Evidence("program", finding.SubjectKey);
            finding.Evidence("jurisdictionSets", string.Join(", ", context.Options.Jurisdictions.ExemptionSetNames()));
            finding.Evidence("rule", "Location is taken at capture time, so a worker who moved into the EU is counted from the move.");
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
}
