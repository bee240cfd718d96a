using System.Globalization;
using System.Net;
using System.Text;
using Audit.Reports.Models;
using Audit.Reports.Wording;

namespace Audit.Service.Web;

/// <summary>
/// The trend charts as inline SVG drawn on the server (no chart library, no script): open findings by severity as
/// stacked bars and the exposure range as a band between its low and high lines, one point per month with a scan,
/// as the monthly report's charts show them. Each chart names itself for screen readers; the page also prints the
/// figures as a table.
/// </summary>
public static class TrendSvg
{
    private const int Width = 960;
    private const int Height = 300;
    private const int Left = 78;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;

    /// <summary>Severity, its colour and its label, most severe at the bottom of each bar.</summary>
    public static readonly IReadOnlyList<(Severity Severity, string Colour)> SeverityColours =
    [
        (Severity.Critical, "#8b1a1a"),
        (Severity.High, "#d9730d"),
        (Severity.Medium, "#d4b106"),
        (Severity.Low, "#5b9a4f"),
    ];

    public const string ExposureColour = "#0b5cad";

    private static readonly double[] Steps = [1, 2, 5, 10];

    public static string Findings(IReadOnlyList<TrendPoint> trend, string id)
    {
        var max = trend.Count == 0 ? 0 : trend.Max(p => p.Counts.Total);
        var (top, step) = Scale(max);
        var s = Open(id, "Open findings by severity, month by month", Describe(trend, p => $"{p.Counts.Total} open"));
        Axes(s, trend, top, step, v => v.ToString("N0", CultureInfo.InvariantCulture));
        var slot = Slot(trend.Count);
        for (var i = 0; i < trend.Count; i++)
        {
            var x = Left + (slot * i) + (slot * 0.2);
            var y = (double)(Height - Bottom);
            foreach (var (severity, colour) in SeverityColours)
            {
                var n = Count(trend[i].Counts, severity);
                if (n == 0)
                {
                    continue;
                }

                var h = PlotHeight * n / (double)top;
                y -= h;
                s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(slot * 0.6)}\" height=\"{F(h)}\" fill=\"{colour}\"><title>{Month(trend[i])}: {n} {severity}</title></rect>");
            }

            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + (slot * 0.3))}\" y=\"{F(y - 4)}\" text-anchor=\"middle\">{trend[i].Counts.Total}</text>");
        }

        return Close(s, trend.Count);
    }

    public static string Exposure(IReadOnlyList<TrendPoint> trend, string currency, string id)
    {
        var max = trend.Count == 0 ? 0 : trend.Max(p => p.ExposureHigh);
        var (top, step) = Scale(max);
        var s = Open(id, $"Exposure range ({currency}), month by month", Describe(trend, p => $"{CountFormatter.Short(p.ExposureLow)} to {CountFormatter.Short(p.ExposureHigh)}"));
        Axes(s, trend, top, step, v => CountFormatter.Short(v));
        if (trend.Count > 0)
        {
            var slot = Slot(trend.Count);
            double X(int i) => Left + (slot * i) + (slot / 2);
            double Y(decimal v) => Height - Bottom - (PlotHeight * (double)v / (double)top);
            var highs = trend.Select((p, i) => $"{F(X(i))},{F(Y(p.ExposureHigh))}").ToList();
            var lows = trend.Select((p, i) => $"{F(X(i))},{F(Y(p.ExposureLow))}").ToList();
            var band = highs.Concat(Enumerable.Reverse(lows));
            s.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{string.Join(' ', band)}\" fill=\"#bcd3ee\" fill-opacity=\"0.75\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', highs)}\" fill=\"none\" stroke=\"{ExposureColour}\" stroke-width=\"2.5\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', lows)}\" fill=\"none\" stroke=\"{ExposureColour}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>");
            for (var i = 0; i < trend.Count; i++)
            {
                s.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(trend[i].ExposureHigh))}\" r=\"3.5\" fill=\"{ExposureColour}\"><title>{Month(trend[i])}: high {CountFormatter.Short(trend[i].ExposureHigh)}</title></circle>");
                s.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(trend[i].ExposureLow))}\" r=\"3\" fill=\"#ffffff\" stroke=\"{ExposureColour}\" stroke-width=\"1.5\"><title>{Month(trend[i])}: low {CountFormatter.Short(trend[i].ExposureLow)}</title></circle>");
            }
        }

        return Close(s, trend.Count);
    }

    public static int Count(SeverityCounts counts, Severity severity) => severity switch
    {
        Severity.Critical => counts.Critical,
        Severity.High => counts.High,
        Severity.Medium => counts.Medium,
        _ => counts.Low,
    };

    private static double PlotHeight => Height - Top - Bottom;

    private static double Slot(int points) => (double)(Width - Left - Right) / Math.Max(points, 1);

    private static StringBuilder Open(string id, string title, string description)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        return s;
    }

    private static string Close(StringBuilder s, int points)
    {
        if (points == 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">No scans yet: the trend starts with the first monthly scan.</text>");
        }

        return s.Append("</svg>").ToString();
    }

    private static void Axes(StringBuilder s, IReadOnlyList<TrendPoint> trend, decimal top, decimal step, Func<decimal, string> label)
    {
        for (var v = 0m; v <= top; v += step)
        {
            var y = Height - Bottom - (PlotHeight * (double)(v / top));
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"{(v == 0 ? "#8c959f" : "#e6e9ed")}\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{E(label(v))}</text>");
        }

        var slot = Slot(trend.Count);
        for (var i = 0; i < trend.Count; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + (slot * i) + (slot / 2))}\" y=\"{Height - Bottom + 20}\" text-anchor=\"middle\">{Month(trend[i])}</text>");
        }
    }

    /// <summary>A top a little above the maximum on a round step (1, 2 or 5 times a power of ten), in 4–5 steps.</summary>
    private static (decimal Top, decimal Step) Scale(decimal max)
    {
        if (max <= 0)
        {
            return (1, 1);
        }

        var rough = (double)max / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (decimal)Steps.Select(m => m * power).First(c => c >= rough);
        if (max < 4)
        {
            step = 1;
        }

        return (Math.Ceiling(max / step) * step, step);
    }

    private static string Describe(IReadOnlyList<TrendPoint> trend, Func<TrendPoint, string> value) =>
        trend.Count == 0 ? "No scans yet." : string.Join("; ", trend.Select(p => $"{Month(p)}: {value(p)}")) + ".";

    private static string Month(TrendPoint p) => p.MonthEnd.ToString("MMM yy", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
