using System.Globalization;
using Audit.Reports.Export;

namespace Audit.Service.Guard;

/// <summary>How many workers and batches a decision leaves out, and where to download them (null when none).</summary>
public sealed record ExclusionsView(int Workers, int Batches, string? Href);

/// <summary>What a decision rested on: the newest scan by the decision's day (null when none) and the exposure table's version.</summary>
public sealed record BasisView(long? ScanId, string TheoriesVersion);

/// <summary>
/// The decision as `POST /api/v1/guard/decisions` answers it and `guard check --json` prints it: decision is allow,
/// deny or allow_with_exclusions.
/// </summary>
public sealed record GuardDecisionView(
    string DecisionId,
    string Decision,
    string Summary,
    IReadOnlyList<GuardReason> Reasons,
    ExclusionsView Exclusions,
    BasisView Basis,
    LineageName Job,
    string Purpose,
    DateTime AsOf,
    DateTime DecidedAt,
    string Actor)
{
    /// <summary>Where a decision's exclusions download as CSV.</summary>
    public static string ExclusionsHref(string decisionId) => $"/api/v1/guard/decisions/{decisionId}/exclusions.csv";

    public static GuardDecisionView Of(GuardDecisionRecord r) => new(
        r.DecisionId, r.Decision, r.Summary, r.Reasons,
        new ExclusionsView(r.ExcludedWorkers, r.ExcludedBatches, r.ExcludedBatches > 0 ? ExclusionsHref(r.DecisionId) : null),
        new BasisView(r.ScanId, r.TheoriesVersion), r.Job, r.Purpose, r.FlowAt, r.DecidedAt, r.Actor);
}

/// <summary>The exclusions CSV: one batch a row, what a pipeline drops before it trains.</summary>
public static class ExclusionsCsv
{
    public static readonly string[] Header = ["batch_id", "worker_id", "tool_id", "config_version", "dataset", "captured_from", "captured_to", "rules"];

    public static void Write(TextWriter writer, IEnumerable<ExcludedBatch> batches)
    {
        CsvLine.Write(writer, Header);
        foreach (var b in batches)
        {
            CsvLine.Write(writer, [b.BatchId, b.WorkerId, b.ToolId, b.ConfigVersion, b.Dataset, Utc(b.CapturedFrom), Utc(b.CapturedTo), b.Rules]);
        }
    }

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
