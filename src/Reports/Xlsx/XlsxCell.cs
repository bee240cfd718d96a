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

internal sealed record XlsxColumn(string Header, double Width);
