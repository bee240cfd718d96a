using Audit.Rules;

namespace Audit.Service.Planning;

/// <summary>Low and high, in the plan's currency.</summary>
public sealed record PlanRange(decimal Low, decimal High)
{
    public static PlanRange Of(ExposureRange range) => new(Normal(range.Low), Normal(range.High));

    /// <summary>Without trailing zeros: SQLite hands back "6091830.0", which would print as 6091830.0.</summary>
    private static decimal Normal(decimal amount) => amount / 1.0000000000000000000000000000m;
}

/// <summary>One priced option, as `plan --json` and GET /api/v1/plan give it. <see cref="AccrualAfterPerMonth"/>: what still accrues a month once it is taken.</summary>
public sealed record PlanOptionDocument(
    string Id,
    string Title,
    bool Recommended,
    PlanRange Cost,
    PlanRange ExposureAfter,
    PlanRange AccrualAfterPerMonth,
    bool StopsAccrual,
    IReadOnlyList<string> Retires,
    string Owner,
    DateOnly Deadline,
    string Basis);

/// <summary>A training set or model the finding's data reached: still held there, or purged (the day and the record's reference).</summary>
public sealed record PlanHoldingDocument(string Dataset, string Kind, bool Commercial, bool StillHeld, DateOnly? PurgedOn, string? PurgeReference);

/// <summary><see cref="DataHeld"/>: null for a scan made before scans recorded where each finding's data is held.</summary>
public sealed record PlanFindingDocument(
    string FindingId,
    string Rule,
    string Severity,
    string Title,
    PlanRange Exposure,
    PlanRange AccruingPerMonth,
    IReadOnlyList<PlanHoldingDocument>? DataHeld,
    IReadOnlyList<PlanOptionDocument> Options);

/// <summary>
/// The remediation plan as JSON: <c>{"scanId","asOf","currency","findings":[{"findingId","rule","exposure":{"low","high"},
/// "dataHeld":[{"dataset","kind","stillHeld","purgedOn",...}],"options":[{"id","title","cost","exposureAfter","owner","basis",...}]}]}</c>,
/// options recommended first.
/// </summary>
public sealed record PlanDocument(long ScanId, DateOnly AsOf, string Currency, string Note, IReadOnlyList<PlanFindingDocument> Findings)
{
    public const string Explanation = Audit.Reports.Wording.RemediationWording.Explanation;

    public static PlanDocument From(RemediationPlan plan) => new(
        plan.ScanId,
        plan.AsOf,
        plan.Currency,
        Explanation,
        plan.Findings.Select(f => new PlanFindingDocument(
            f.Finding.FindingKey,
            f.Finding.Rule.ToString(),
            f.Finding.Severity.ToString(),
            f.Finding.Title,
            PlanRange.Of(f.Finding.Exposure),
            PlanRange.Of(f.AccruingPerMonth),
            f.Finding.DataHeld?.Select(h => new PlanHoldingDocument(h.Dataset, Codes.ToCode(h.Kind), h.Commercial, h.StillHeld, h.PurgedOn, h.PurgeReference)).ToList(),
            f.Options.Select((o, i) => new PlanOptionDocument(
                o.Id, o.Title, i == 0, PlanRange.Of(o.Cost), PlanRange.Of(o.ExposureAfter), PlanRange.Of(o.AccrualAfter), o.StopsAccrual, o.Retires, o.Owner, o.Deadline, o.Basis)).ToList()))
            .ToList());
}
