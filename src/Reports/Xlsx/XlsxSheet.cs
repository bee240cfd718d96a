using System.Globalization;
using System.Text;

namespace Audit.Reports.Xlsx;

/// <summary>
/// One logical sheet. When a part reaches the row limit it is closed and the rows continue on "Name (2)",
/// "Name (3)"... each with the same header, frozen pane and filter.
/// </summary>
internal sealed class XlsxSheet
{
    private const int MaxCellText = 32_767;
    private const int MaxSheetName = 31;

    /// <summary>Page margins (a little narrower than Excel's "normal", so more of a wide sheet fits legibly) then A4 (paperSize 9), landscape, fit to one page wide.</summary>
    internal static ReadOnlySpan<byte> PrintSetup =>
        """<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"""u8;

    private readonly IXlsxSheetHost _owner;
    private readonly string _baseName;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly bool _autoFilter;
    private readonly int _maxRows;
    private readonly string[] _columnLetters;
    private readonly byte[][] _columnRefs;
    private readonly byte[]?[] _styleIds;
    private readonly byte[] _rowDigits = new byte[11];
    private Stream? _stream;
    private XlsxXmlWriter? _writer;
    private int _partIndex;
    private int _partNumber;
    private int _rowInPart;

    internal XlsxSheet(IXlsxSheetHost owner, string name, IReadOnlyList<XlsxColumn> columns, bool autoFilter, int maxRows)
    {
        _owner = owner;
        _baseName = name;
        _columns = columns;
        _autoFilter = autoFilter;
        _maxRows = maxRows;
        _columnLetters = Enumerable.Range(1, columns.Count).Select(ColumnLetters).ToArray();
        _columnRefs = _columnLetters.Select(Encoding.ASCII.GetBytes).ToArray();
        _styleIds = Enum.GetValues<XlsxStyle>().Select(style => owner.StyleIndex(style) is var id and not 0
            ? Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture))
            : null).ToArray();
        StartPart();
    }

    /// <summary>Data rows written so far, header rows excluded.</summary>
    public long DataRows { get; private set; }

    public int Parts => _partNumber;

    public void WriteRow(params ReadOnlySpan<XlsxCell> cells)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException($"Sheet '{_baseName}' is closed.");
        }

        if (_rowInPart >= _maxRows)
        {
            EndPart();
            StartPart();
        }

        WriteCells(cells);
        DataRows++;
    }

    internal void Close()
    {
        if (_writer is not null)
        {
            EndPart();
        }
    }

    private void StartPart()
    {
        _partNumber++;
        var name = _partNumber == 1 ? _baseName : $"{_baseName} ({_partNumber.ToString(CultureInfo.InvariantCulture)})";
        if (name.Length > MaxSheetName)
        {
            var suffix = _partNumber == 1 ? "" : name[_baseName.Length..];
            name = _baseName[..(MaxSheetName - suffix.Length)] + suffix;
        }

        var part = _owner.BeginSheetPart(name);
        (_stream, _partIndex) = (part.Stream, part.Index);
        _writer = new XlsxXmlWriter(_stream);
        _rowInPart = 0;

        var writer = _writer;
        writer.Raw("""<?xml version="1.0" encoding="utf-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""u8);

        // Printed fit to one page wide (pageSetup below); without fitToPage the fit settings are ignored and
        // a wide sheet prints its columns split over pages.
        writer.Raw("""<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"""u8);

        // Frozen header row: the pane starts at A2.
        writer.Raw(part.Selected ? """<sheetViews><sheetView tabSelected="1" workbookViewId="0">"""u8 : """<sheetViews><sheetView workbookViewId="0">"""u8);
        writer.Raw("""<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"""u8);

        writer.Raw("<cols>"u8);
        for (var i = 0; i < _columns.Count; i++)
        {
            var index = i + 1;
            writer.Raw("<col min=\""u8);
            writer.Number(index);
            writer.Raw("\" max=\""u8);
            writer.Number(index);
            writer.Raw("\" width=\""u8);
            writer.Number(_columns[i].Width);
            writer.Raw("\" customWidth=\"1\"/>"u8);
        }

        writer.Raw("</cols><sheetData>"u8);

        Span<XlsxCell> header = new XlsxCell[_columns.Count];
        for (var i = 0; i < _columns.Count; i++)
        {
            header[i] = XlsxCell.Of(_columns[i].Header, XlsxStyle.Header);
        }

        WriteCells(header);
    }

    private void EndPart()
    {
        var writer = _writer!;
        writer.Raw("</sheetData>"u8);
        if (_autoFilter)
        {
            var range = $"A1:{_columnLetters[^1]}{_rowInPart.ToString(CultureInfo.InvariantCulture)}";
            writer.Raw("<autoFilter ref=\""u8);
            writer.Raw(Encoding.ASCII.GetBytes(range));
            writer.Raw("\"/>"u8);
            _owner.SetFilter(_partIndex, range);
        }

        // A4 like the PDFs, landscape, one page wide and as many long as it takes; the header row repeats on
        // each printed page through the workbook's Print_Titles name.
        writer.Raw(PrintSetup);
        writer.Raw("</worksheet>"u8);
        writer.Flush();
        _stream!.Dispose();
        _writer = null;
        _stream = null;
    }

    /// <summary>
    /// One row: <c>&lt;c r="A2" s="3"&gt;&lt;v&gt;…&lt;/v&gt;&lt;/c&gt;</c> for numbers, inline strings for text,
    /// nothing for an unstyled empty cell. Nothing is allocated per cell: the column letters and style ids are
    /// encoded once per sheet and the row number once per row. Text wraps (top-aligned, like every cell) and the row
    /// is given the height of its longest text, since no spreadsheet sizes rows on opening.
    /// </summary>
    private void WriteCells(ReadOnlySpan<XlsxCell> cells)
    {
        var writer = _writer!;
        _rowInPart++;
        _rowInPart.TryFormat(_rowDigits, out var digitCount, default, CultureInfo.InvariantCulture);
        ReadOnlySpan<byte> row = _rowDigits.AsSpan(0, digitCount);

        var lines = 1;
        for (var i = 0; i < cells.Length && i < _columns.Count; i++)
        {
            if (cells[i].Kind == XlsxCellKind.Text)
            {
                lines = Math.Max(lines, XlsxText.WrappedLines(cells[i].Text, _columns[i].Width));
            }
        }

        writer.Raw("<row r=\""u8);
        writer.Raw(row);
        if (lines > 1)
        {
            writer.Raw("\" ht=\""u8);
            writer.Number(XlsxText.RowHeight(lines));
            writer.Raw("\" customHeight=\"1"u8);
        }

        writer.Raw("\">"u8);
        for (var i = 0; i < cells.Length && i < _columns.Count; i++)
        {
            var cell = cells[i];
            if (cell.Kind == XlsxCellKind.Text && cell.Style == XlsxStyle.Default)
            {
                cell = cell with { Style = XlsxStyle.Wrap };
            }

            var styleId = _styleIds[(int)cell.Style];
            if (cell.Kind == XlsxCellKind.Empty && styleId is null)
            {
                continue;
            }

            writer.Raw("<c r=\""u8);
            writer.Raw(_columnRefs[i]);
            writer.Raw(row);
            if (styleId is not null)
            {
                writer.Raw("\" s=\""u8);
                writer.Raw(styleId);
            }

            switch (cell.Kind)
            {
                case XlsxCellKind.Number:
                    writer.Raw("\"><v>"u8);
                    writer.Number(cell.Number);
                    writer.Raw("</v></c>"u8);
                    break;
                case XlsxCellKind.Text:
                    writer.Raw("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8);
                    var text = cell.Text.AsSpan();
                    writer.Text(text.Length > MaxCellText ? text[..MaxCellText] : text);
                    writer.Raw("</t></is></c>"u8);
                    break;
                default:
                    writer.Raw("\"/>"u8);
                    break;
            }
        }

        writer.Raw("</row>"u8);
    }

    internal static string ColumnLetters(int column)
    {
        var sb = new StringBuilder();
        while (column > 0)
        {
            var rem = (column - 1) % 26;
            sb.Insert(0, (char)('A' + rem));
            column = (column - 1) / 26;
        }

        return sb.ToString();
    }
}
