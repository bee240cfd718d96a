using System.Globalization;
using Audit.Reports.Models;
using PdfSharp.Drawing;

namespace Audit.Reports.Pdf;

/// <summary>
/// Trend charts, and the exposure waterfall, drawn with XGraphics. PdfSharp.Charting ships in the package, but its output can't be styled to
/// match the tables and it needs its own frame maths anyway; two small charts are simpler to draw directly.
/// </summary>
internal static class Charts
{
    private const double AxisLeft = 52;
    private const double AxisBottom = 18;
    private const double TitleHeight = 16;
    private const double LegendHeight = 14;

    /// <summary>The font of the data labels on bars and points.</summary>
    private static XFont ValueFont => PdfTheme.Font(6.5);

    /// <summary>Open findings per month as stacked bars, Critical at the bottom.</summary>
    public static void FindingsBySeverity(XGraphics g, XRect area, IReadOnlyList<TrendPoint> trend)
    {
        var severities = Enum.GetValues<Severity>();
        var max = trend.Count == 0 ? 0 : trend.Max(t => t.Counts.Total);
        var plot = Frame(g, area, "Open findings by severity", NiceScale(max), v => v.ToString("N0", CultureInfo.InvariantCulture), Months(trend), NoTrend(trend));
        if (trend.Count == 0)
        {
            return;
        }

        var slot = plot.Plot.Width / trend.Count;
        var barWidth = slot * 0.6;
        for (var i = 0; i < trend.Count; i++)
        {
            var x = plot.Plot.Left + (i * slot) + ((slot - barWidth) / 2);
            var y = plot.Plot.Bottom;
            foreach (var severity in severities)
            {
                var h = trend[i].Counts[severity] / plot.Scale.Max * plot.Plot.Height;
                if (h > 0)
                {
                    g.DrawRectangle(new XSolidBrush(PdfTheme.SeverityColor(severity)), x, y - h, barWidth, h);
                    y -= h;
                }
            }

            // The data label: the month's open findings, on top of its bar.
            if (trend[i].Counts.Total > 0)
            {
                g.DrawString(trend[i].Counts.Total.ToString("N0", CultureInfo.InvariantCulture), ValueFont, new XSolidBrush(PdfTheme.Ink),
                    new XPoint(x + (barWidth / 2), y - 1.5), XStringFormats.BottomCenter);
            }
        }

        Legend(g, area, severities.Select(s => (s.ToString(), PdfTheme.SeverityColor(s))).ToList());
    }

    /// <summary>Exposure as a shaded band between the low and high estimates, with both edges drawn.</summary>
    public static void ExposureRange(XGraphics g, XRect area, IReadOnlyList<TrendPoint> trend, string currency)
    {
        var max = trend.Count == 0 ? 0 : (double)trend.Max(t => t.ExposureHigh);
        var plot = Frame(g, area, $"Exposure range ({currency})", NiceScale(max), v => Wording.CountFormatter.Short((decimal)v), Months(trend), NoTrend(trend));
        if (trend.Count == 0)
        {
            return;
        }

        var slot = plot.Plot.Width / trend.Count;
        XPoint Point(int i, decimal value) =>
            new(plot.Plot.Left + (i * slot) + (slot / 2), plot.Plot.Bottom - ((double)value / plot.Scale.Max * plot.Plot.Height));

        var highs = trend.Select((t, i) => Point(i, t.ExposureHigh)).ToArray();
        var lows = trend.Select((t, i) => Point(i, t.ExposureLow)).ToArray();
        var band = new XGraphicsPath();
        band.AddLines(highs);
        band.AddLines(lows.Reverse().ToArray());
        band.CloseFigure();
        var high = XColor.FromArgb(31, 78, 121);
        var low = XColor.FromArgb(84, 160, 200);
        g.DrawPath(new XSolidBrush(XColor.FromArgb(60, 31, 78, 121)), band);
        if (trend.Count > 1)
        {
            g.DrawLines(new XPen(high, 1.6), highs);
            g.DrawLines(new XPen(low, 1.6), lows);
        }

        foreach (var p in highs)
        {
            g.DrawEllipse(new XSolidBrush(high), p.X - 2, p.Y - 2, 4, 4);
        }

        foreach (var p in lows)
        {
            g.DrawEllipse(new XSolidBrush(low), p.X - 2, p.Y - 2, 4, 4);
        }

        // Data labels: each month's high above its point, its low below where the axis leaves room; nothing for none.
        var labelHeight = ValueFont.GetHeight();
        for (var i = 0; i < trend.Count; i++)
        {
            if (trend[i].ExposureHigh > 0)
            {
                g.DrawString(Wording.CountFormatter.Short(trend[i].ExposureHigh), ValueFont, new XSolidBrush(high), new XPoint(highs[i].X, highs[i].Y - 3), XStringFormats.BottomCenter);
            }

            if (trend[i].ExposureLow > 0 && trend[i].ExposureLow != trend[i].ExposureHigh && lows[i].Y + 3 + labelHeight <= plot.Plot.Bottom
                && highs[i].Y - lows[i].Y <= -(labelHeight + 6))
            {
                g.DrawString(Wording.CountFormatter.Short(trend[i].ExposureLow), ValueFont, new XSolidBrush(low), new XPoint(lows[i].X, lows[i].Y + 3), XStringFormats.TopCenter);
            }
        }

        Legend(g, area, [("High estimate", high), ("Low estimate", low)]);
    }

    /// <summary>
    /// How the high estimate adds up: one floating bar per theory that counts (a capped one adds nothing), each starting
    /// where the one before ended, coloured by the theory's grade, then the total from zero. The low figures are in the
    /// table beside it; one cumulation keeps the chart readable.
    /// </summary>
    public static void ExposureWaterfall(XGraphics g, XRect area, ExposureBreakdown breakdown, string currency)
    {
        var steps = breakdown.Theories.Where(t => !t.Capped && t.High > 0).OrderByDescending(t => t.High).ThenBy(t => t.TheoryId, StringComparer.Ordinal).ToList();
        var labels = steps.Select(t => t.TheoryId).Append("Total").ToList();
        var plot = Frame(g, area, $"How the high estimate adds up, theory by theory ({currency})", NiceScale((double)breakdown.TotalHigh), v => Wording.CountFormatter.Short((decimal)v), labels,
            steps.Count == 0 ? "No exposure is estimated." : null);
        if (steps.Count == 0)
        {
            return;
        }

        var grounded = XColor.FromArgb(31, 78, 121);
        var gradeC = PdfTheme.SeverityColor(Severity.High);
        var slot = plot.Plot.Width / labels.Count;
        var barWidth = slot * 0.6;
        double Y(decimal value) => plot.Plot.Bottom - ((double)value / plot.Scale.Max * plot.Plot.Height);
        var level = 0m;
        var connector = new XPen(PdfTheme.Muted, 0.5) { DashStyle = XDashStyle.Dot };
        var valueFont = PdfTheme.Font(7);
        var ink = new XSolidBrush(PdfTheme.Ink);
        for (var i = 0; i < steps.Count; i++)
        {
            var x = plot.Plot.Left + (i * slot) + ((slot - barWidth) / 2);
            var top = Y(level + steps[i].High);
            g.DrawRectangle(new XSolidBrush(steps[i].Confidence == Confidence.C ? gradeC : grounded), x, top, barWidth, Math.Max(0.8, Y(level) - top));
            g.DrawString("+" + Wording.CountFormatter.Short(steps[i].High), valueFont, ink, new XPoint(x + (barWidth / 2), top - 2), XStringFormats.BottomCenter);
            level += steps[i].High;
            g.DrawLine(connector, x + barWidth, Y(level), x + slot, Y(level));
        }

        var totalX = plot.Plot.Left + (steps.Count * slot) + ((slot - barWidth) / 2);
        g.DrawRectangle(new XSolidBrush(PdfTheme.Ink), totalX, Y(breakdown.TotalHigh), barWidth, plot.Plot.Bottom - Y(breakdown.TotalHigh));
        g.DrawString(Wording.CountFormatter.Short(breakdown.TotalHigh), valueFont, ink, new XPoint(totalX + (barWidth / 2), Y(breakdown.TotalHigh) - 2), XStringFormats.BottomCenter);
        Legend(g, area, [("Grades A and B", grounded), ("Grade C", gradeC), ("Total", PdfTheme.Ink)]);
    }

    private static string? NoTrend(IReadOnlyList<TrendPoint> trend) => trend.Count == 0 ? "No trend data yet." : null;

    private static IReadOnlyList<string> Months(IReadOnlyList<TrendPoint> trend) =>
        trend.Select(t => t.MonthEnd.ToString("MMM yy", CultureInfo.InvariantCulture)).ToList();

    private static (XRect Plot, Scale Scale) Frame(
        XGraphics g, XRect area, string title, Scale scale, Func<double, string> label, IReadOnlyList<string> xLabels, string? empty)
    {
        var titleFont = PdfTheme.Font(9.5, bold: true);
        var axisFont = PdfTheme.Font(7);
        var muted = new XSolidBrush(PdfTheme.Muted);
        g.DrawString(title, titleFont, new XSolidBrush(PdfTheme.Ink), new XPoint(area.Left, area.Top), XStringFormats.TopLeft);

        var plot = new XRect(
            area.Left + AxisLeft,
            area.Top + TitleHeight + 4,
            area.Width - AxisLeft - 4,
            area.Height - TitleHeight - 4 - AxisBottom - LegendHeight);

        var grid = new XPen(PdfTheme.Rule, 0.4);
        for (var v = 0d; v <= scale.Max + (scale.Step / 2); v += scale.Step)
        {
            var y = plot.Bottom - (v / scale.Max * plot.Height);
            g.DrawLine(grid, plot.Left, y, plot.Right, y);
            g.DrawString(label(v), axisFont, muted, new XPoint(plot.Left - 4, y), XStringFormats.CenterRight);
        }

        var axis = new XPen(PdfTheme.Muted, 0.8);
        g.DrawLine(axis, plot.Left, plot.Top, plot.Left, plot.Bottom);
        g.DrawLine(axis, plot.Left, plot.Bottom, plot.Right, plot.Bottom);

        if (empty is not null)
        {
            g.DrawString(empty, axisFont, muted, plot, XStringFormats.Center);
        }
        else
        {
            var slot = plot.Width / xLabels.Count;
            for (var i = 0; i < xLabels.Count; i++)
            {
                g.DrawString(xLabels[i], axisFont, muted, new XPoint(plot.Left + (i * slot) + (slot / 2), plot.Bottom + 4), XStringFormats.TopCenter);
            }
        }

        return (plot, scale);
    }

    private static void Legend(XGraphics g, XRect area, IReadOnlyList<(string Name, XColor Color)> entries)
    {
        var font = PdfTheme.Font(7.5);
        var x = area.Left + AxisLeft;
        var y = area.Bottom - LegendHeight + 4;
        foreach (var (name, color) in entries)
        {
            g.DrawRectangle(new XSolidBrush(color), x, y + 1, 8, 8);
            g.DrawString(name, font, new XSolidBrush(PdfTheme.Ink), new XPoint(x + 11, y), XStringFormats.TopLeft);
            x += 11 + g.MeasureString(name, font).Width + 14;
        }
    }

    internal readonly record struct Scale(double Max, double Step);

    private static readonly double[] IntegerSteps = [1, 2, 5, 10];

    /// <summary>
    /// A round axis maximum with at most five gridlines. Both charts plot integers (counts of findings, whole amounts of
    /// money), so steps are whole numbers (1, 2, 5 x 10^n, never 2.5 or a fraction): a small series reads 0, 1, 2, 3
    /// instead of repeating rounded ticks (0, 0, 1, 1, 1).
    /// </summary>
    internal static Scale NiceScale(double max)
    {
        if (max <= 0)
        {
            return new Scale(4, 1);
        }

        var rough = max / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = Math.Max(1, Math.Round(IntegerSteps.Select(m => m * magnitude).First(s => s >= rough)));

        return new Scale(Math.Ceiling(max / step) * step, step);
    }
}
