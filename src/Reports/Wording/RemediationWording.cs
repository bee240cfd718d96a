namespace Audit.Reports.Wording;

/// <summary>How the remediation plan's figures are to be read: one text for the CLI, the API, the workbook and the board.</summary>
public static class RemediationWording
{
    public const string Explanation =
        "Costs come from templates/remedies.csv and each finding's own counts. Exposure after: what stays of the finding's exposure once the option is taken; "
        + "past conduct stays, except the theories the option settles (paying contributors settles the wage claim). What still accrues a month is the pace of the conduct so far; "
        + "an option that stops accrual stops it from the decision date. Deadlines count from the scan's day. An estimate to support counsel, not legal advice.";

    /// <summary>The board's reading of its decisions table.</summary>
    public const string BoardNote =
        "Each decision is the remedy the plan recommends for the findings named (least exposure left after a year, then cheapest). Settles: exposure it takes off "
        + "for past conduct; stops: what it ends accruing each month from the decision date; past conduct otherwise stays. Each finding's own figures, summed; every option is in the workbook.";

    /// <summary>A decision's figure as the board reads it, on the page as in the PDF: "withheld" for a masked group, "-" for none.</summary>
    public static string Figure(Models.BoardDecision decision, decimal low, decimal high)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.FiguresWithheld ? "withheld" : low == 0 && high == 0 ? "-" : CountFormatter.ShortRange(low, high);
    }

    /// <summary>A suggested deadline as a report prints it: days from the data date, so nothing in it is dated after its period.</summary>
    public static string Within(int days) => $"within {CountFormatter.Count(days)} days";

    /// <summary>Which findings a decision answers, in words.</summary>
    public static string For(Models.BoardDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return $"for {CountFormatter.Count(decision.Findings)} finding{(decision.Findings == 1 ? string.Empty : "s")} under {string.Join(", ", decision.Rules)}";
    }
}
