
namespace Audit.Rules;

/// <summary>
/// Rule 7: a worker's batches reach a commercial model and no agreement covers that program and period.
/// An agreement covering part of a batch's window leaves the rest as a gap (pro rata by time). Data that
/// reaches only an internal model is no gap. Quantifies uncompensated active hours and their replacement
/// value at the configured benchmark rate. One finding per program (per tool for data under no program).
/// </summary>
public sealed class R7CompensationGap : IAuditRule
{
    private readonly FindingSet _findings = new();
    private readonly Dictionary<FindingBuilder, HashSet<string>> _models = [];
    private HashSet<string>? _lastModels;
    private string? _lastModel;

    public RuleCode Code => RuleCode.R7;

    public void Observe(BatchFacts batch)
    {
        if (batch.Commercial is not { } reach)
        {
            return;
        }

        var program = batch.Program;
        var uncovered = program is null ? 1.0 : UncoveredShare(batch, program.ProgramId);
        if (uncovered <= 0)
        {
            return;
        }

        var hours = Math.Round((decimal)(batch.ActiveMinutes * uncovered) / 60m, 4);
        var finding = program is null
            ? _findings.Get(Code, "tool", batch.Config.ToolId, Severity.High, batch.Config.ToolId, static tool => $"Uncompensated work captured by {tool}, under no program, trains a commercial model")
            : _findings.Get(Code, "program", program.ProgramId, Severity.High, program.Name, static name => $"Uncompensated work captured for {name} trains a commercial model");
        finding.AddBatch(batch, hours);
        if (!_models.TryGetValue(finding, out var models))
        {
            _models[finding] = models = new HashSet<string>(StringComparer.Ordinal);
        }

        // Consecutive batches mostly reach the same model of the same finding: add only on a change.
        if (!ReferenceEquals(models, _lastModels) || !ReferenceEquals(reach.Sink.Name, _lastModel))
        {
            models.Add(reach.Sink.Name);
            (_lastModels, _lastModel) = (models, reach.Sink.Name);
        }
        if (uncovered < 1.0)
        {
            finding.Count("batches only partly covered by an agreement");
        }
    }

    /// <summary>The share of the batch window that no agreement for the program covers. Runs per commercial batch: loops, no queries.</summary>
    public static double UncoveredShare(BatchFacts batch, string programId)
    {
        var from = batch.CapturedFrom;
        var to = batch.CapturedTo;
        var total = (to - from).TotalSeconds;
        var agreements = batch.Worker.Agreements;
        if (total <= 0)
        {
            foreach (var a in agreements)
            {
                if (a.ProgramId == programId && Covers(a, DateOnly.FromDateTime(from)))
                {
                    return 0;
                }
            }

            return 1;
        }

        // The part of the window each of the program's agreements covers, in order of start (stable, as a sort by start).
        Span<(DateTime From, DateTime To)> pieces = agreements.Count <= 8 ? stackalloc (DateTime, DateTime)[agreements.Count] : new (DateTime, DateTime)[agreements.Count];
        var count = 0;
        foreach (var a in agreements)
        {
            if (a.ProgramId != programId)
            {
                continue;
            }

            var start = a.PeriodFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var stop = a.PeriodTo?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? DateTime.MaxValue;
            var piece = (From: start > from ? start : from, To: stop < to ? stop : to);
            if (piece.To <= piece.From)
            {
                continue;
            }

            var at = count++;
            while (at > 0 && pieces[at - 1].From > piece.From)
            {
                pieces[at] = pieces[at - 1];
                at--;
            }

            pieces[at] = piece;
        }

        if (count == 0)
        {
            return 1;
        }

        // Union of the overlapping pieces, so two agreements covering the same days are not counted twice.
        double coveredSeconds = 0;
        var end = DateTime.MinValue;
        foreach (var piece in pieces[..count])
        {
            var start = piece.From > end ? piece.From : end;
            if (piece.To > start)
            {
                coveredSeconds += (piece.To - start).TotalSeconds;
                end = piece.To;
            }
        }

        return Math.Max(0, 1 - (coveredSeconds / total));
    }

    private static bool Covers(AgreementInfo agreement, DateOnly day) => agreement.PeriodFrom <= day && (agreement.PeriodTo is null || agreement.PeriodTo >= day);

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var rate = context.Settings.BenchmarkHourlyRate;

        // The multiples come from the exposure table's replacement-value row, as counsel set them; the setting only seeded it.
        var row = context.ReplacementValueRow;
        var (lowMultiple, highMultiple) = row is null ? (1m, (decimal?)null) : (row.LowAmount, row.HighAmount);
        foreach (var finding in _findings.All)
        {
            var hours = finding.Workers.Values.Sum(h => h.Quantity);
            finding.Evidence("commercialModels", string.Join(", ", _models[finding].Order(StringComparer.Ordinal)));
            finding.Evidence("uncompensatedHours", System.Text.Json.Nodes.JsonValue.Create(Math.Round(hours, 1)));
            finding.Evidence("benchmarkRatePerHour", System.Text.Json.Nodes.JsonValue.Create(rate));
            finding.Evidence("benchmarkCurrency", row?.Currency ?? "USD");
            finding.Evidence("replacementValueLow", System.Text.Json.Nodes.JsonValue.Create(Domain.Money.Round(hours * rate * lowMultiple, 2)));
            if (highMultiple is { } multiple)
            {
                finding.Evidence("replacementValueHigh", System.Text.Json.Nodes.JsonValue.Create(Domain.Money.Round(hours * rate * multiple, 2)));
            }
            finding.Evidence("compensatedContributors", System.Text.Json.Nodes.JsonValue.Create(
                finding.Workers.Keys.Count(i => context.Snapshot.WorkersByIndex[i].Agreements.Any(a => a.ProgramId == finding.SubjectKey))));
            finding.Figures.CommercialModels = string.Join(", ", _models[finding].Order(StringComparer.Ordinal));
            finding.Figures.UncompensatedHours = hours;
            finding.Figures.BenchmarkRate = rate;
            finding.Figures.ReplacementValueLow = Domain.Money.Round(hours * rate * lowMultiple, 2);
            finding.Figures.ReplacementValueHigh = highMultiple is { } high ? Domain.Money.Round(hours * rate * high, 2) : null;
            finding.Figures.CompensatedContributors = finding.Workers.Keys.Count(i => context.Snapshot.WorkersByIndex[i].Agreements.Any(a => a.ProgramId == finding.SubjectKey));
            yield return finding;
        }
    }
}
