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

/// <summary>How a part of a table cell is set: regular, bold (a title) or muted grey (a subject line).</summary>
internal enum CellStyle
{
    Regular,
    Bold,
    Muted,
}

/// <summary>One paragraph of a table cell; a cell with several parts prints each starting on its own line.</summary>
internal sealed record CellPart(string Text, CellStyle Style = CellStyle.Regular);

/// <summary>A table cell: one or more paragraphs, each in its own style.</summary>
internal sealed record TableCell(IReadOnlyList<CellPart> Parts)
{
    public static TableCell Plain(string text) => new([new CellPart(text)]);
}

/// <summary>One paragraph of a <see cref="PdfLayout.Block"/>, with an optional bold run-in label ("Note:").</summary>
internal sealed record BlockParagraph(string Text, XFont Font, XColor Color, double After = 2, string? Label = null);

/// <summary>The fonts one table uses; <see cref="For"/> maps a <see cref="CellStyle"/> to its font.</summary>
internal sealed record CellFonts(XFont Regular, XFont Bold, XFont Italic)
{
    public XFont For(CellStyle style) => style == CellStyle.Bold ? Bold : Regular;
}

/// <summary>A wrapped line of text with its font and colour.</summary>
internal readonly record struct TextLine(string Text, XFont Font, XColor Color);

/// <summary>A table row after wrapping: lines per cell and the row height.</summary>
internal sealed record PreparedRow(IReadOnlyList<IReadOnlyList<TextLine>> Lines, double Height);

/// <summary>A measured table, ready to draw with <see cref="PdfLayout.Table(PreparedTable)"/>.</summary>
internal sealed record PreparedTable(
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<double> Widths,
    double Width,
    IReadOnlyList<IReadOnlyList<TextLine>> HeaderLines,
    double HeaderHeight,
    IReadOnlyList<PreparedRow> Rows,
    CellFonts Fonts,
    double LeadHeight);

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
    private readonly List<(string Title, int Page)> _sections = [];
    private XGraphics? _gfx;
    private double _y;
    private (int Page, double Y, int Lines)? _contents;

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
        if (_y > Margin)
        {
            // A section that follows another on the same page.
            _y += 14;
        }

        var outline = Bookmark(title);
        _sections.Add((title, _document.PageCount));
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

    /// <summary>Draws a table of plain-text cells; see <see cref="Table(PreparedTable)"/>.</summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, double fontSize = 8, double? width = null) =>
        Table(PrepareTable(columns, rows.Select(r => (IReadOnlyList<TableCell>)[.. r.Select(TableCell.Plain)]), fontSize, width));

    /// <summary>
    /// Measures a table without drawing it: column widths, wrapped cells and row heights. <see cref="PreparedTable.LeadHeight"/>
    /// (header plus first row) lets a heading above the table keep with it.
    /// </summary>
    public PreparedTable PrepareTable(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<TableCell>> rows, double fontSize = 8, double? width = null)
    {
        var fonts = new CellFonts(PdfTheme.Font(fontSize), PdfTheme.Font(fontSize, bold: true), PdfTheme.Font(fontSize, italic: true));
        var cells = rows.ToList();
        var tableWidth = Math.Min(width ?? Width, Width);
        var widths = ColumnWidths(columns, cells, fonts, tableWidth);
        var headerLines = columns.Select((c, i) => (IReadOnlyList<TextLine>)
            [.. Wrap(c.Header, fonts.Bold, widths[i] - (2 * CellPadding)).Select(t => new TextLine(t, fonts.Bold, PdfTheme.Ink))]).ToList();
        var headerHeight = CellHeight(headerLines);

        // A row taller than a page (under a repeated header) is cut with an ellipsis rather than overflowing the footer.
        var maxContent = Bottom - Margin - headerHeight - (2 * CellPadding);
        var prepared = new List<PreparedRow>(cells.Count);
        foreach (var row in cells)
        {
            var lines = new List<IReadOnlyList<TextLine>>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = i < row.Count ? row[i] : TableCell.Plain("");
                lines.Add(Truncate(WrapCell(cell, fonts, widths[i] - (2 * CellPadding)), maxContent, fonts.Regular));
            }

            prepared.Add(new PreparedRow(lines, CellHeight(lines)));
        }

        var none = fonts.Italic.GetHeight();
        var lead = headerHeight + (prepared.Count > 0 ? prepared[0].Height : none);
        return new PreparedTable(columns, widths, tableWidth, headerLines, headerHeight, prepared, fonts, lead);
    }

    /// <summary>
    /// Draws a prepared table. The header never stands alone at the bottom of a page: the table starts on a new page
    /// unless its header and first row fit. Rows that do not fit go to the next page under a repeated header.
    /// </summary>
    public void Table(PreparedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        EnsureSpace(table.LeadHeight);
        DrawRow(table, table.HeaderLines, table.HeaderHeight, PdfTheme.HeaderFill);
        for (var index = 0; index < table.Rows.Count; index++)
        {
            var row = table.Rows[index];
            if (_y + row.Height > Bottom)
            {
                NewPage();
                DrawRow(table, table.HeaderLines, table.HeaderHeight, PdfTheme.HeaderFill);
            }

            DrawRow(table, row.Lines, row.Height, index % 2 == 1 ? PdfTheme.StripeFill : null);
        }

        if (table.Rows.Count == 0)
        {
            Gfx.DrawString("None.", table.Fonts.Italic, new XSolidBrush(PdfTheme.Muted), new XPoint(Left, _y), XStringFormats.TopLeft);
            _y += table.Fonts.Italic.GetHeight();
        }

        _y += 8;
    }

    /// <summary>Height a <see cref="Heading"/> of this size takes, for keep-with-next sums.</summary>
    public static double HeadingHeight(double size) => 4 + PdfTheme.Font(size, bold: true).GetHeight() + 4;

    /// <summary>
    /// Column widths from the weights, except that no column is narrower than the longest word of its header (so
    /// headers wrap between words) and right-aligned columns, which hold figures, are wide enough not to wrap them.
    /// The extra width comes from the other columns in proportion to their weights.
    /// </summary>
    internal double[] ColumnWidths(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<TableCell>> rows, CellFonts fonts, double tableWidth)
    {
        var n = columns.Count;
        var minimum = new double[n];
        for (var i = 0; i < n; i++)
        {
            var words = columns[i].Header.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var min = words.Length == 0 ? 0 : words.Max(w => Measure(w, fonts.Bold));
            if (columns[i].Align == CellAlign.Right)
            {
                foreach (var row in rows)
                {
                    if (i < row.Count)
                    {
                        foreach (var part in row[i].Parts)
                        {
                            var font = fonts.For(part.Style);
                            min = Math.Max(min, part.Text.Split('\n').Max(line => Measure(line, font)));
                        }
                    }
                }
            }

            minimum[i] = min + (2 * CellPadding) + 0.5;
        }

        var widths = new double[n];
        if (minimum.Sum() > tableWidth)
        {
            // Cannot honour every minimum: fall back to the weights.
            var total = columns.Sum(c => c.Weight);
            return [.. columns.Select(c => tableWidth * c.Weight / total)];
        }

        var pinned = new bool[n];
        while (true)
        {
            var free = tableWidth - Enumerable.Range(0, n).Where(i => pinned[i]).Sum(i => minimum[i]);
            var weight = Enumerable.Range(0, n).Where(i => !pinned[i]).Sum(i => columns[i].Weight);
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                widths[i] = pinned[i] ? minimum[i] : free * columns[i].Weight / weight;
                if (!pinned[i] && widths[i] < minimum[i])
                {
                    pinned[i] = true;
                    changed = true;
                }
            }

            if (!changed)
            {
                return widths;
            }
        }
    }

    private List<TextLine> WrapCell(TableCell cell, CellFonts fonts, double width)
    {
        var lines = new List<TextLine>();
        foreach (var part in cell.Parts)
        {
            var font = fonts.For(part.Style);
            var color = part.Style == CellStyle.Muted ? PdfTheme.Muted : PdfTheme.Ink;
            lines.AddRange(Wrap(part.Text, font, width).Select(t => new TextLine(t, font, color)));
        }

        return lines;
    }

    private static List<TextLine> Truncate(List<TextLine> lines, double maxHeight, XFont ellipsisFont)
    {
        var height = 0d;
        for (var i = 0; i < lines.Count; i++)
        {
            height += lines[i].Font.GetHeight();
            if (height > maxHeight)
            {
                return [.. lines.Take(Math.Max(0, i - 1)), new TextLine("…", ellipsisFont, PdfTheme.Ink)];
            }
        }

        return lines;
    }

    private static double CellHeight(IReadOnlyList<IReadOnlyList<TextLine>> cells) =>
        cells.Max(c => c.Sum(l => l.Font.GetHeight())) + (2 * CellPadding);

    /// <summary>
    /// Paragraphs kept together on one page (a new page starts unless the whole block fits), unless the block is
    /// taller than a page, when it flows line by line. With <paramref name="separator"/> a thin rule goes above the
    /// block, but not at the top of a page.
    /// </summary>
    public void Block(IReadOnlyList<BlockParagraph> paragraphs, bool separator = false)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        const double separatorHeight = 9;
        var labels = new (XFont Font, double Width)?[paragraphs.Count];
        var wrapped = new IReadOnlyList<string>[paragraphs.Count];
        var height = 0d;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            if (p.Label is { } label)
            {
                var labelFont = PdfTheme.Font(p.Font.Size, bold: true);
                labels[i] = (labelFont, Measure(label + " ", labelFont));
            }

            wrapped[i] = Wrap(p.Text, p.Font, Width, labels[i]?.Width ?? 0);
            height += (wrapped[i].Count * p.Font.GetHeight()) + p.After;
        }

        if (height <= Bottom - Margin)
        {
            EnsureSpace(height + (separator && _y > Margin ? separatorHeight : 0));
        }

        if (separator && _y > Margin)
        {
            _y += 3;
            Gfx.DrawLine(new XPen(PdfTheme.Rule, 0.5), Left, _y, Left + Width, _y);
            _y += separatorHeight - 3;
        }

        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            var brush = new XSolidBrush(p.Color);
            var lineHeight = p.Font.GetHeight();
            for (var j = 0; j < wrapped[i].Count; j++)
            {
                EnsureSpace(lineHeight);
                var x = Left;
                if (j == 0 && labels[i] is { } label)
                {
                    Gfx.DrawString(p.Label!, label.Font, brush, new XPoint(x, _y), XStringFormats.TopLeft);
                    x += label.Width;
                }

                Gfx.DrawString(wrapped[i][j], p.Font, brush, new XPoint(x, _y), XStringFormats.TopLeft);
                _y += lineHeight;
            }

            _y += p.After;
        }
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

    private void DrawRow(PreparedTable table, IReadOnlyList<IReadOnlyList<TextLine>> cellLines, double height, XColor? fill)
    {
        var x = Left;
        if (fill is { } color)
        {
            Gfx.DrawRectangle(new XSolidBrush(color), Left, _y, table.Width, height);
        }

        for (var i = 0; i < table.Widths.Count; i++)
        {
            var lineY = _y + CellPadding;
            foreach (var line in cellLines[i])
            {
                var brush = new XSolidBrush(line.Color);
                if (table.Columns[i].Align == CellAlign.Right)
                {
                    Gfx.DrawString(line.Text, line.Font, brush, new XPoint(x + table.Widths[i] - CellPadding, lineY), XStringFormats.TopRight);
                }
                else
                {
                    Gfx.DrawString(line.Text, line.Font, brush, new XPoint(x + CellPadding, lineY), XStringFormats.TopLeft);
                }

                lineY += line.Font.GetHeight();
            }

            x += table.Widths[i];
        }

        Gfx.DrawLine(new XPen(PdfTheme.Rule, 0.5), Left, _y + height, Left + table.Width, _y + height);
        _y += height;
    }

    private static readonly System.Buffers.SearchValues<char> BreakAfter = System.Buffers.SearchValues.Create(";,/_-.:");

    /// <summary>
    /// Greedy word wrap; words longer than the width (paths, keys) are broken after a separator where there is
    /// one, by character otherwise. <paramref name="firstLineIndent"/> shortens the first line (for a run-in label).
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width, double firstLineIndent = 0)
    {
        var lines = new List<string>();
        double Room() => lines.Count == 0 ? width - firstLineIndent : width;
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= Room())
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (Measure(current, font) > Room() && current.Length > 1)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && Measure(current[..cut], font) > Room())
                    {
                        cut--;
                    }

                    // Prefer to break a long token (a list joined by ';', a path) after a separator, not mid-word.
                    var separator = current.AsSpan(0, cut).LastIndexOfAny(BreakAfter);
                    if (separator >= cut / 3)
                    {
                        cut = separator + 1;
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

    private const double ContentsLine = 13;

    /// <summary>
    /// Keeps room here for a table of contents of up to <paramref name="lines"/> sections: the sections laid out after
    /// this call, each with its page number, which is known only once everything is laid out (<see cref="FinishPages"/>).
    /// </summary>
    public void ReserveContents(int lines)
    {
        Heading("Contents", 12.5, keepWithNext: 20 + (lines * ContentsLine));
        _contents = (_document.PageCount - 1, _y, lines);
        _sections.Clear();
        _y += (lines * ContentsLine) + 8;
    }

    private void DrawContents()
    {
        if (_contents is not { } c)
        {
            return;
        }

        using var gfx = XGraphics.FromPdfPage(_document.Pages[c.Page], XGraphicsPdfPageOptions.Append);
        var font = PdfTheme.Font(9.5);
        var ink = new XSolidBrush(PdfTheme.Ink);
        var dots = new XPen(PdfTheme.Rule, 0.5) { DashStyle = XDashStyle.Dot };
        var right = Left + (Width * 0.7);
        var y = c.Y;
        foreach (var (title, page) in _sections.Take(c.Lines))
        {
            var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var titleWidth = gfx.MeasureString(title, font).Width;
            var numberWidth = gfx.MeasureString(number, font).Width;
            gfx.DrawString(title, font, ink, new XPoint(Left, y), XStringFormats.TopLeft);
            gfx.DrawLine(dots, Left + titleWidth + 4, y + (font.GetHeight() * 0.8), right - numberWidth - 4, y + (font.GetHeight() * 0.8));
            gfx.DrawString(number, font, ink, new XPoint(right, y), XStringFormats.TopRight);
            y += ContentsLine;
        }
    }

    /// <summary>Draws the contents, if reserved, and "Page N of M" and the footer on every page; called once all content is laid out.</summary>
    public void FinishPages(string footerLeft, string footerRight)
    {
        _gfx?.Dispose();
        _gfx = null;
        DrawContents();
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
