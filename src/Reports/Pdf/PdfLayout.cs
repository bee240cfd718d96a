using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Audit.Reports.Pdf;

internal enum CellAlign
{
    Left,
    Right,
}

/// <summary>A table column: header text, share of the table width, alignment.</summary>
internal sealed record TableColumn(string Header, double Weight, CellAlign Align = CellAlign.Left);

/// <summary>
/// A page cursor over a PDFsharp document: flowing text with word wrap, headings with bookmarks, and tables that
/// continue across pages and repeat their header row. PDFsharp has no layout engine (MigraDoc is not available),
/// so this is the one place that knows about pages; renderers only say what goes in which order.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    public const double Margin = 50;
    private const double FooterHeight = 28;
    private const double CellPadding = 3;
    private const double BookmarkHeadroom = 6;

    private readonly PdfDocument _document;
    private XGraphics? _gfx;
    private double _y;

    public PdfLayout(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public PdfPage Page { get; private set; } = null!;

    public XGraphics Gfx => _gfx!;

    public double Left => Margin;

    public double Width => Page.Width.Point - (2 * Margin);

    public double Bottom => Page.Height.Point - Margin - FooterHeight;

    public double Y
    {
        get => _y;
        set => _y = value;
    }

    public double Remaining => Bottom - _y;

    public int PageCount => _document.PageCount;

    public void NewPage()
    {
        _gfx?.Dispose();
        Page = _document.AddPage();
        Page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(Page);
        _y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Space(double points) => _y = Math.Min(_y + points, Bottom);

    /// <summary>
    /// A bookmark to the current position (where the next heading is drawn), not just the top of the page;
    /// nested under <paramref name="parent"/> when given.
    /// </summary>
    public PdfOutline Bookmark(string title, PdfOutline? parent = null)
    {
        var outline = parent is null ? _document.Outlines.Add(title, Page, true) : parent.Outlines.Add(title, Page, false);

        // An /XYZ destination takes PDF user space (origin bottom left), the layout measures from the top. A few
        // points of headroom keep the heading from touching the window edge. Left and zoom stay null: the viewer
        // keeps its own. (PDFsharp prints 0 as an empty number, so neither may be 0.)
        outline.PageDestinationType = PdfPageDestinationType.Xyz;
        outline.Left = null;
        outline.Top = Math.Round(Math.Min(Page.Height.Point, Page.Height.Point - _y + BookmarkHeadroom), 2);
        outline.Zoom = null;
        return outline;
    }

    public PdfOutline Section(string title, bool newPage = true)
    {
        if (newPage && _y > Margin)
        {
            NewPage();
        }

        EnsureSpace(120);
        var outline = Bookmark(title);
        var font = PdfTheme.Font(16, bold: true);
        Gfx.DrawString(title, font, new XSolidBrush(PdfTheme.Accent), new XPoint(Left, _y), XStringFormats.TopLeft);
        _y += font.GetHeight() + 2;
        Gfx.DrawLine(new XPen(PdfTheme.Accent, 1.2), Left, _y, Left + Width, _y);
        _y += 10;
        return outline;
    }

    public PdfOutline SubSection(string title, PdfOutline parent, double keepWithNext = 110)
    {
        EnsureSpace(keepWithNext);
        var outline = Bookmark(title, parent);
        Heading(title, 12.5);
        return outline;
    }

    public void Heading(string text, double size = 11, double keepWithNext = 60)
    {
        EnsureSpace(keepWithNext);
        _y += 4;
        Paragraph(text, PdfTheme.Font(size, bold: true), PdfTheme.Ink, after: 4);
    }

    public void Paragraph(string text, XFont? font = null, XColor? color = null, double after = 6, double indent = 0)
    {
        font ??= PdfTheme.Font(9.5);
        var brush = new XSolidBrush(color ?? PdfTheme.Ink);
        var lineHeight = font.GetHeight();
        foreach (var line in Wrap(text, font, Width - indent))
        {
            EnsureSpace(lineHeight);
            Gfx.DrawString(line, font, brush, new XPoint(Left + indent, _y), XStringFormats.TopLeft);
            _y += lineHeight;
        }

        _y += after;
    }

    /// <summary>Label/value lines, labels in a fixed-width bold column.</summary>
    public void Facts(IEnumerable<(string Label, string Value)> facts, double labelWidth = 150)
    {
        var bold = PdfTheme.Font(9.5, bold: true);
        var regular = PdfTheme.Font(9.5);
        var brush = new XSolidBrush(PdfTheme.Ink);
        var list = facts.ToList();
        if (list.Count == 0)
        {
            return;
        }

        // Widen the label column for long labels rather than letting them run into the values.
        labelWidth = Math.Min(Width / 2, Math.Max(labelWidth, list.Max(f => Measure(f.Label, bold)) + 12));
        foreach (var (label, value) in list)
        {
            var lines = Wrap(value, regular, Width - labelWidth);
            var height = lines.Count * regular.GetHeight();
            EnsureSpace(height);
            Gfx.DrawString(label, bold, brush, new XPoint(Left, _y), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                Gfx.DrawString(line, regular, brush, new XPoint(Left + labelWidth, _y), XStringFormats.TopLeft);
                _y += regular.GetHeight();
            }

            _y += 2;
        }

        _y += 4;
    }

    /// <summary>
    /// Draws a table; rows that do not fit go to the next page under a repeated header. A single row taller
    /// than a page is cut with an ellipsis rather than overflowing the footer.
    /// </summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, double fontSize = 8)
    {
        var font = PdfTheme.Font(fontSize);
        var headerFont = PdfTheme.Font(fontSize, bold: true);
        var totalWeight = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Width * c.Weight / totalWeight).ToArray();
        var lineHeight = font.GetHeight();
        var headerLines = columns.Select((c, i) => Wrap(c.Header, headerFont, widths[i] - (2 * CellPadding))).ToList();
        var headerHeight = (headerLines.Max(l => l.Count) * headerFont.GetHeight()) + (2 * CellPadding);

        EnsureSpace(headerHeight + lineHeight + (2 * CellPadding));
        DrawRow(headerLines, widths, columns, headerFont, headerHeight, PdfTheme.HeaderFill);

        var index = 0;
        foreach (var row in rows)
        {
            var cellLines = new List<IReadOnlyList<string>>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                cellLines.Add(Wrap(i < row.Count ? row[i] : "", font, widths[i] - (2 * CellPadding)));
            }

            var maxLines = (int)Math.Floor((Bottom - Margin - headerHeight - (2 * CellPadding)) / lineHeight);
            for (var i = 0; i < cellLines.Count; i++)
            {
                if (cellLines[i].Count > maxLines)
                {
                    cellLines[i] = [.. cellLines[i].Take(maxLines - 1), "…"];
                }
            }

            var height = (cellLines.Max(l => l.Count) * lineHeight) + (2 * CellPadding);
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(headerLines, widths, columns, headerFont, headerHeight, PdfTheme.HeaderFill);
            }

            DrawRow(cellLines, widths, columns, font, height, index % 2 == 1 ? PdfTheme.StripeFill : null);
            index++;
        }

        if (index == 0)
        {
            Paragraph("None.", PdfTheme.Font(fontSize, italic: true), PdfTheme.Muted, after: 0);
        }

        _y += 8;
    }

    /// <summary>A row of KPI tiles: a large value over a small caption.</summary>
    public void Tiles(IReadOnlyList<(string Value, string Caption, XColor Color)> tiles, double height = 52)
    {
        const double gap = 8;
        EnsureSpace(height + 8);
        var width = (Width - (gap * (tiles.Count - 1))) / tiles.Count;
        // One size for the whole row, shrunk until the widest value fits its tile.
        var size = 17d;
        while (size > 8 && tiles.Any(t => Measure(t.Value, PdfTheme.Font(size, bold: true)) > width - 16))
        {
            size -= 1;
        }

        var valueFont = PdfTheme.Font(size, bold: true);
        var captionFont = PdfTheme.Font(7.5);
        for (var i = 0; i < tiles.Count; i++)
        {
            var x = Left + (i * (width + gap));
            var (value, caption, color) = tiles[i];
            Gfx.DrawRectangle(new XPen(PdfTheme.Rule, 0.6), new XSolidBrush(PdfTheme.StripeFill), x, _y, width, height);
            Gfx.DrawRectangle(new XSolidBrush(color), x, _y, 3, height);
            Gfx.DrawString(value, valueFont, new XSolidBrush(color), new XPoint(x + 10, _y + 8), XStringFormats.TopLeft);
            var captionY = _y + height - 6 - captionFont.GetHeight();
            Gfx.DrawString(caption, captionFont, new XSolidBrush(PdfTheme.Muted), new XPoint(x + 10, captionY), XStringFormats.TopLeft);
        }

        _y += height + 10;
    }

    private void DrawRow(
        IReadOnlyList<IReadOnlyList<string>> cellLines, double[] widths, IReadOnlyList<TableColumn> columns,
        XFont font, double height, XColor? fill)
    {
        var x = Left;
        if (fill is { } color)
        {
            Gfx.DrawRectangle(new XSolidBrush(color), Left, _y, Width, height);
        }

        var brush = new XSolidBrush(PdfTheme.Ink);
        var lineHeight = font.GetHeight();
        for (var i = 0; i < widths.Length; i++)
        {
            var lineY = _y + CellPadding;
            foreach (var line in cellLines[i])
            {
                if (columns[i].Align == CellAlign.Right)
                {
                    Gfx.DrawString(line, font, brush, new XPoint(x + widths[i] - CellPadding, lineY), XStringFormats.TopRight);
                }
                else
                {
                    Gfx.DrawString(line, font, brush, new XPoint(x + CellPadding, lineY), XStringFormats.TopLeft);
                }

                lineY += lineHeight;
            }

            x += widths[i];
        }

        Gfx.DrawLine(new XPen(PdfTheme.Rule, 0.5), Left, _y + height, Left + Width, _y + height);
        _y += height;
    }

    /// <summary>Greedy word wrap; words longer than the width (paths, keys) are broken by character.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (Measure(current, font) > width && current.Length > 1)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && Measure(current[..cut], font) > width)
                    {
                        cut--;
                    }

                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    public double Measure(string text, XFont font) => Gfx.MeasureString(text, font).Width;

    /// <summary>Draws "Page N of M" and the footer on every page; called once all content is laid out.</summary>
    public void FinishPages(string footerLeft, string footerRight)
    {
        _gfx?.Dispose();
        _gfx = null;
        var font = PdfTheme.Font(7.5);
        var brush = new XSolidBrush(PdfTheme.Muted);
        var total = _document.PageCount;
        for (var i = 0; i < total; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin - FooterHeight + 12;
            var right = page.Width.Point - Margin;
            gfx.DrawLine(new XPen(PdfTheme.Rule, 0.5), Margin, y, right, y);
            gfx.DrawString(footerLeft, font, brush, new XPoint(Margin, y + 4), XStringFormats.TopLeft);
            gfx.DrawString(FormattableString.Invariant($"{footerRight}  |  Page {i + 1} of {total}"), font, brush, new XPoint(right, y + 4), XStringFormats.TopRight);
        }
    }

    public void Dispose() => _gfx?.Dispose();
}
