using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Audit.Reports.Xlsx;

/// <summary>
/// One logical sheet. When a part reaches the row limit it is closed and the rows continue on "Name (2)",
/// "Name (3)"... each with the same header, frozen pane and filter.
/// </summary>
internal sealed class XlsxSheet
{
    private const int MaxCellText = 32_767;
    private const int MaxSheetName = 31;

    private readonly IXlsxSheetHost _owner;
    private readonly string _baseName;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly bool _autoFilter;
    private readonly int _maxRows;
    private readonly string[] _columnLetters;
    private readonly string?[] _styleIds;
    private Stream? _stream;
    private OpenXmlWriter? _writer;
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
        _styleIds = Enum.GetValues<XlsxStyle>().Select(style => owner.StyleIndex(style) is var id and not 0
            ? id.ToString(CultureInfo.InvariantCulture)
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
        _writer = OpenXmlWriter.Create(_stream, new UTF8Encoding(false));
        _rowInPart = 0;
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());

        // Frozen header row: the pane starts at A2.
        _writer.WriteStartElement(new SheetViews());
        _writer.WriteStartElement(new SheetView { WorkbookViewId = 0, TabSelected = part.Selected });
        _writer.WriteElement(new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        });
        _writer.WriteElement(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        _writer.WriteEndElement();
        _writer.WriteEndElement();

        _writer.WriteStartElement(new Columns());
        for (var i = 0; i < _columns.Count; i++)
        {
            var index = (uint)(i + 1);
            _writer.WriteElement(new Column { Min = index, Max = index, Width = _columns[i].Width, CustomWidth = true });
        }

        _writer.WriteEndElement();
        _writer.WriteStartElement(new SheetData());

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
        writer.WriteEndElement(); // sheetData
        if (_autoFilter)
        {
            var range = $"A1:{_columnLetters[^1]}{_rowInPart.ToString(CultureInfo.InvariantCulture)}";
            writer.WriteElement(new AutoFilter { Reference = range });
            _owner.SetFilter(_partIndex, range);
        }

        writer.WriteEndElement(); // worksheet
        writer.Close();
        _stream!.Dispose();
        _writer = null;
        _stream = null;
    }

    private void WriteCells(ReadOnlySpan<XlsxCell> cells)
    {
        var writer = _writer!;
        _rowInPart++;
        var rowNumber = _rowInPart.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowNumber)]);
        for (var i = 0; i < cells.Length && i < _columns.Count; i++)
        {
            var cell = cells[i];
            var reference = _columnLetters[i] + rowNumber;
            var attributes = new List<OpenXmlAttribute>(3) { new("r", "", reference) };
            var styleId = _styleIds[(int)cell.Style];
            if (styleId is not null)
            {
                attributes.Add(new OpenXmlAttribute("s", "", styleId));
            }

            switch (cell.Kind)
            {
                case XlsxCellKind.Empty:
                    if (styleId is not null)
                    {
                        writer.WriteStartElement(new Cell(), attributes);
                        writer.WriteEndElement();
                    }

                    break;
                case XlsxCellKind.Number:
                    writer.WriteStartElement(new Cell(), attributes);
                    writer.WriteElement(new CellValue(cell.Number.ToString("R", CultureInfo.InvariantCulture)));
                    writer.WriteEndElement();
                    break;
                case XlsxCellKind.Text:
                    attributes.Add(new OpenXmlAttribute("t", "", "inlineStr"));
                    writer.WriteStartElement(new Cell(), attributes);
                    writer.WriteStartElement(new InlineString());
                    writer.WriteElement(new Text(Clean(cell.Text!)) { Space = SpaceProcessingModeValues.Preserve });
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    break;
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>Drops characters XML 1.0 cannot carry and caps the length at Excel's cell limit.</summary>
    private static string Clean(string text)
    {
        var clean = text.Length > MaxCellText ? text[..MaxCellText] : text;
        foreach (var c in clean)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
            {
                return new string(clean.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray());
            }
        }

        return clean;
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
