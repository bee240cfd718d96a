using Audit.Reports.Models;
using PdfSharp.Drawing;

namespace Audit.Reports.Pdf;

/// <summary>
/// A lineage path drawn as a reader follows it: one box per dataset, left to right, an arrow between each two with
/// the job and its transform under it; the sink is marked when it is a commercial model.
/// </summary>
internal static class PathDiagram
{
    private const double Gap = 26;
    private const double BoxHeight = 34;
    private const double LabelHeight = 20;

    public static double Height => BoxHeight + LabelHeight + 4;

    public static void Draw(PdfLayout l, RiskPath path)
    {
        var g = l.Gfx;
        var steps = path.Steps;
        var boxWidth = Math.Min(130, (l.Width - (Gap * (steps.Count - 1))) / steps.Count);
        var font = PdfTheme.Font(7);
        var small = PdfTheme.Font(6);
        var top = l.Y;
        var ink = new XSolidBrush(PdfTheme.Ink);
        var muted = new XSolidBrush(PdfTheme.Muted);
        for (var i = 0; i < steps.Count; i++)
        {
            var x = l.Left + (i * (boxWidth + Gap));
            var sink = i == steps.Count - 1;
            var edge = sink && path.Commercial ? PdfTheme.Warning : PdfTheme.Accent;
            g.DrawRoundedRectangle(new XPen(edge, sink ? 1.4 : 0.8), new XSolidBrush(PdfTheme.StripeFill), x, top, boxWidth, BoxHeight, 6, 6);
            var lines = l.Wrap(steps[i].Dataset, font, boxWidth - 6).Take(3).ToList();
            var y = top + ((BoxHeight - (lines.Count * font.GetHeight())) / 2);
            foreach (var line in lines)
            {
                g.DrawString(line, font, ink, new XPoint(x + (boxWidth / 2), y), XStringFormats.TopCenter);
                y += font.GetHeight();
            }

            if (sink && path.Commercial)
            {
                g.DrawString("commercial model", small, new XSolidBrush(PdfTheme.Warning), new XPoint(x + (boxWidth / 2), top + BoxHeight + 2), XStringFormats.TopCenter);
            }

            if (i == 0)
            {
                continue;
            }

            // The arrow into this box, and the flow that carried the data along it, under the arrow.
            var from = x - Gap + 2;
            var to = x - 2;
            var mid = top + (BoxHeight / 2);
            var pen = new XPen(PdfTheme.Muted, 0.9);
            g.DrawLine(pen, from, mid, to, mid);
            g.DrawPolygon(new XSolidBrush(PdfTheme.Muted), [new XPoint(to, mid), new XPoint(to - 4, mid - 2.5), new XPoint(to - 4, mid + 2.5)], XFillMode.Winding);
            var flow = steps[i].Job is { } job ? $"{job} ({(steps[i].Transform ?? "?").Replace('_', ' ')})" : string.Empty;
            var labelY = top + BoxHeight + 2;
            foreach (var line in l.Wrap(flow, small, boxWidth + Gap - 4).Take(2))
            {
                g.DrawString(line, small, muted, new XPoint(x - (Gap / 2), labelY), XStringFormats.TopCenter);
                labelY += small.GetHeight();
            }
        }

        l.Y = top + Height;
    }
}
