namespace Audit.Reports.Xlsx;

/// <summary>Where a streamed <see cref="XlsxSheet"/> puts its parts and finds its cell styles.</summary>
internal interface IXlsxSheetHost
{
    /// <summary>Opens the zip entry for the next sheet part; the sheet writes it forward-only and disposes it.</summary>
    XlsxSheetPart BeginSheetPart(string name);

    /// <summary>Records the autofilter range of a finished part, for the workbook's _FilterDatabase name.</summary>
    void SetFilter(int index, string range);

    /// <summary>The cellXfs index of <paramref name="style"/> in this package's stylesheet.</summary>
    uint StyleIndex(XlsxStyle style);
}

internal readonly record struct XlsxSheetPart(Stream Stream, int Index, bool Selected);

internal static class XlsxNames
{
    /// <summary>A sheet name quoted for a formula or defined name: 'It''s'.</summary>
    public static string QuoteSheet(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The print-titles name of a streamed sheet: its header row repeats on every printed page.</summary>
    public static string PrintTitles(string sheetName) => QuoteSheet(sheetName) + "!$1:$1";

    /// <summary>A1:N31 to $A$1:$N$31.</summary>
    public static string AbsoluteRange(string range)
    {
        var parts = range.Split(':');
        return string.Join(':', parts.Select(p =>
        {
            var split = p.AsSpan().IndexOfAnyInRange('0', '9');
            return "$" + p[..split] + "$" + p[split..];
        }));
    }
}
