namespace Audit.Reports.Xlsx;

/// <summary>Cell styles in the stylesheet <see cref="XlsxStreamWriter"/> writes; the value is the cellXfs index.</summary>
internal enum XlsxStyle : uint
{
    Default = 0,
    Header = 1,
    Date = 2,
    Timestamp = 3,
    Integer = 4,
    Money = 5,
    Decimal = 6,
    Wrap = 7,
    Title = 8,
    Bold = 9,
}

internal enum XlsxCellKind
{
    Empty,
    Text,
    Number,
}

/// <summary>A cell value as a struct, so streaming a million rows allocates nothing per cell beyond the XML.</summary>
internal readonly record struct XlsxCell(XlsxCellKind Kind, string? Text, double Number, XlsxStyle Style)
{
    public static XlsxCell Empty { get; } = new(XlsxCellKind.Empty, null, 0, XlsxStyle.Default);

    public static XlsxCell Of(string? text, XlsxStyle style = XlsxStyle.Default) =>
        text is null ? Empty with { Style = style } : new(XlsxCellKind.Text, text, 0, style);

    public static XlsxCell Of(bool value) => Of(Models.ReportConstants.YesNo(value));

    public static XlsxCell Count(long value) => new(XlsxCellKind.Number, null, value, XlsxStyle.Integer);

    public static XlsxCell Money(decimal value) => new(XlsxCellKind.Number, null, (double)value, XlsxStyle.Money);

    public static XlsxCell Decimal(decimal value) => new(XlsxCellKind.Number, null, (double)value, XlsxStyle.Decimal);

    public static XlsxCell Date(DateOnly? value) => value is { } d
        ? new(XlsxCellKind.Number, null, d.ToDateTime(TimeOnly.MinValue).ToOADate(), XlsxStyle.Date)
        : Empty;

    /// <summary>Excel has no time zones; timestamps are written in UTC and the headers say so.</summary>
    public static XlsxCell Timestamp(DateTimeOffset? value) => value is { } t
        ? new(XlsxCellKind.Number, null, t.UtcDateTime.ToOADate(), XlsxStyle.Timestamp)
        : Empty;
}

/// <summary>A column of a streamed sheet: its header and width; its text wraps and grows the row to fit.</summary>
internal sealed record XlsxColumn(string Header, double Width);

/// <summary>
/// Row heights for wrapped text. Neither LibreOffice nor ClosedXML (whose AdjustToContents needs GDI+) sizes rows with
/// wrapped text, so without a height the lines overlap the next row or are cut off: the writers estimate the lines.
/// </summary>
internal static class XlsxText
{
    /// <summary>Points per line of Calibri 11.</summary>
    public const double LineHeight = 15;

    /// <summary>Excel's largest row height.</summary>
    public const double MaxRowHeight = 409;

    public static double RowHeight(int lines) => Math.Min(MaxRowHeight, lines * LineHeight);

    /// <summary>
    /// Greedy word wrap at about 1.1 characters per unit of column width (a unit is the widest digit; text averages
    /// narrower), less one for safety; a word longer than
    /// the line breaks mid-word over as many lines as it needs. Allocation-free: it runs for every streamed row.
    /// </summary>
    public static int WrappedLines(ReadOnlySpan<char> text, double columnWidth)
    {
        var capacity = Math.Max(1, (int)(columnWidth * 1.1) - 1);
        var lines = 1;
        var used = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                lines++;
                used = 0;
                i++;
                continue;
            }

            if (c == ' ')
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && text[end] != ' ' && text[end] != '\n')
            {
                end++;
            }

            var word = end - i;
            var needed = used == 0 ? word : used + 1 + word;
            if (needed <= capacity)
            {
                used = needed;
            }
            else
            {
                if (used > 0)
                {
                    lines++;
                }

                lines += (word - 1) / capacity;
                used = ((word - 1) % capacity) + 1;
            }

            i = end;
        }

        return lines;
    }
}
