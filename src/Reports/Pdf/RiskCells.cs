using Audit.Reports.Models;
using Audit.Reports.Wording;

namespace Audit.Reports.Pdf;

/// <summary>A top risk's cells as both the board summary and the monthly report's page 1 print them.</summary>
internal static class RiskCells
{
    /// <summary>The risk in plain words (bold), the decision it asks, then (muted) its rule and <paramref name="ruleSuffix"/>.</summary>
    public static TableCell Risk(BoardRisk r, string ruleSuffix = "")
    {
        var rule = new CellPart($"{r.Rule}: {RuleCatalog.Title(r.Rule)}{ruleSuffix}", CellStyle.Muted);
        return new(r.Decision is null ? [new(r.Sentence, CellStyle.Bold), rule] : [new(r.Sentence, CellStyle.Bold), new(r.Decision), rule]);
    }

    /// <summary>Its exposure, or why it is withheld (a masked count would show through it).</summary>
    public static TableCell Exposure(BoardRisk r) =>
        TableCell.Plain(r.ExposureWithheld ? "withheld (fewer than five people)" : CountFormatter.ShortRange(r.ExposureLow, r.ExposureHigh));
}
