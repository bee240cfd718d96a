namespace Audit.Service.Web;

/// <summary>A link in the page's navigation, shown only to a user the policy admits.</summary>
public sealed record NavItem(string Title, string Path, string Policy, string Description);

/// <summary>
/// The page's navigation and which policy guards each page folder: one table, read by the layout (what a
/// role sees) and by the page conventions (what a role may open), so a link is never shown to a role that the
/// page would refuse. Policies come from <see cref="Policies"/>; never a role here.
/// </summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("Findings", "/findings", Policies.ReadFindings, "Every finding of the latest scan, filtered by rule, severity, status or new since last month."),
        new("Trend", "/trend", Policies.Compliance, "Open findings and the exposure range, month by month."),
        new("Monthly reports", "/reports/monthly", Policies.Compliance, "The latest monthly compliance report: PDF and workbook."),
        new("Board summaries", "/board", Policies.BoardSummaries, "The quarterly board summaries."),
        new("Lineage exports", "/counsel/exports", Policies.Exports, "Ask for a lineage export for a matter, follow it, download its CSV, workbook and manifest."),
        new("Notices", "/disclosures", Policies.Disclosures, "What each notice's own text says of AI training, the opt-out and what is captured, the phrases marked."),
        new("Guard", "/guard", Policies.GuardLog, "The guard's decisions on flows pipelines asked about before they ran: who asked, the answer, why."),
        new("Admin", "/admin", Policies.Admin, "Imports, jobs, API keys and the audit log."),
    ];

    /// <summary>Page folders (Razor Pages paths) and the policy each requires, on top of any Audit role.</summary>
    public static readonly IReadOnlyList<(string Folder, string Policy)> FolderPolicies =
    [
        ("/Findings", Policies.ReadFindings),
        ("/Reports", Policies.Compliance),
        ("/Board", Policies.BoardSummaries),
        ("/Counsel", Policies.Exports),
        ("/Admin", Policies.Admin),
        ("/Guard", Policies.GuardLog),
        ("/Disclosures", Policies.Disclosures),
    ];
}
