using System.Text.Json;
using Audit.Rules;

namespace Audit.Service.Records;

/// <summary>One rule's line of a scan; the grounded figures (grades A and B alone) are null for scans that did not keep them.</summary>
public sealed record RuleSummary(RuleCode Rule, int Findings, int AffectedWorkers, int New, int Resolved, decimal ExposureLow, decimal ExposureHigh, decimal? GroundedLow = null, decimal? GroundedHigh = null);

/// <summary>
/// What a scan stores in ScanRun.Summary: enough to print trends and headline figures without re-scanning.
/// <see cref="Grounded"/> is the exposure on grades A and B alone; null for scans stored before it was kept.
/// </summary>
public sealed record ScanSummary(IReadOnlyList<RuleSummary> Rules, ExposureRange Exposure, IReadOnlyList<ExposureLine> Lines, long Batches, int AffectedWorkers, ExposureRange? Grounded = null)
{
    /// <summary>The total split by grade, naming the grade-C theories that count; null when the scan did not keep it.</summary>
    public Audit.Reports.Models.ExposureGrades? Grades(IReadOnlyDictionary<string, string>? theoryNames = null) =>
        Grounded is { } grounded ? GradesOf(Exposure, grounded, Lines, theoryNames) : null;

    /// <summary>A total and its grounded part as the reports' split; the grade-C theories are the C lines that add to the total.</summary>
    public static Audit.Reports.Models.ExposureGrades GradesOf(ExposureRange total, ExposureRange grounded, IEnumerable<ExposureLine> lines, IReadOnlyDictionary<string, string>? theoryNames = null) =>
        new(grounded.Low, grounded.High, total.Low - grounded.Low, total.High - grounded.High,
            [.. lines.Where(l => l.Confidence == Confidence.C && !l.Capped && (l.Low > 0 || l.High > 0)).Select(l => l.TheoryId).Distinct(StringComparer.Ordinal)
                .Select(id => theoryNames is not null && theoryNames.TryGetValue(id, out var name) ? $"{id}: {name}" : id)]);

    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ScanSummary FromJson(string json) => JsonSerializer.Deserialize<ScanSummary>(json, Json)
        ?? throw new InvalidOperationException("A scan summary is empty.");
}
