using System.Text.Json;
using Audit.Rules;

namespace Audit.Service.Records;

public sealed record RuleSummary(RuleCode Rule, int Findings, int AffectedWorkers, int New, int Resolved, decimal ExposureLow, decimal ExposureHigh);

/// <summary>What a scan stores in ScanRun.Summary: enough to print trends and headline figures without re-scanning.</summary>
public sealed record ScanSummary(IReadOnlyList<RuleSummary> Rules, ExposureRange Exposure, IReadOnlyList<ExposureLine> Lines, long Batches, int AffectedWorkers)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ScanSummary FromJson(string json) => JsonSerializer.Deserialize<ScanSummary>(json, Json)
        ?? throw new InvalidOperationException("A scan summary is empty.");
}
