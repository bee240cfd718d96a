using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Audit.Reports.Xlsx;

/// <summary>
/// Writes an xlsx package forward-only: each sheet's XML goes straight into its zip entry through
/// <see cref="XlsxXmlWriter"/>, so memory stays flat however many rows a sheet has (ClosedXML and the SDK's
/// package API both buffer whole parts). Strings are inline, not shared, for the same reason. Entry timestamps
/// are fixed so the same rows give the same bytes. Sheet parts are deflated at <see cref="CompressionLevel.Fastest"/>
/// (at Optimal the deflate of a million-row sheet costs more than writing it); the small parts stay Optimal.
/// </summary>
internal sealed class XlsxStreamWriter : IXlsxSheetHost, IDisposable
{
    /// <summary>Excel's row limit, header included.</summary>
    public const int ExcelMaxRows = 1_048_576;

    private static readonly DateTimeOffset FixedEntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ZipArchive _zip;
    private readonly int _maxRowsPerSheet;
    private readonly List<SheetEntry> _sheets = [];
    private XlsxSheet? _open;
    private bool _finished;

    public XlsxStreamWriter(Stream output, int maxRowsPerSheet = ExcelMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSheet, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRowsPerSheet, ExcelMaxRows);
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        _maxRowsPerSheet = maxRowsPerSheet;
    }

    /// <summary>Starts a sheet (closing the previous one: zip entries are written one at a time).</summary>
    /// <param name="maxRows">Rows before the sheet continues on another; the writer's limit when null.</param>
    public XlsxSheet AddSheet(string name, IReadOnlyList<XlsxColumn> columns, bool autoFilter = false, int? maxRows = null)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _open?.Close();
        _open = new XlsxSheet(this, name, columns, autoFilter, maxRows ?? _maxRowsPerSheet);
        return _open;
    }

    /// <summary>Sheet names written so far, in order (rollover sheets included).</summary>
    public IReadOnlyList<string> SheetNames => _sheets.ConvertAll(s => s.Name);

    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _open?.Close();
        _open = null;
        WriteText("[Content_Types].xml", ContentTypes());
        WriteText("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        WriteText("xl/_rels/workbook.xml.rels", WorkbookRels());
        WriteText("xl/workbook.xml", WorkbookXml());
        WriteText("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + BuildStylesheet().OuterXml);
        _finished = true;
        _zip.Dispose();
    }

    public void Dispose() => Finish();

    public uint StyleIndex(XlsxStyle style) => (uint)style;

    public XlsxSheetPart BeginSheetPart(string name)
    {
        var index = _sheets.Count + 1;
        if (_sheets.Exists(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"Sheet name '{name}' is used twice.");
        }

        _sheets.Add(new SheetEntry(name, index));
        return new XlsxSheetPart(OpenEntry($"xl/worksheets/sheet{index}.xml", CompressionLevel.Fastest), index, Selected: index == 1);
    }

    public void SetFilter(int index, string range) => _sheets[index - 1] = _sheets[index - 1] with { FilterRange = range };

    private Stream OpenEntry(string path, CompressionLevel level = CompressionLevel.Optimal)
    {
        var entry = _zip.CreateEntry(path, level);
        entry.LastWriteTime = FixedEntryTime;
        return entry.Open();
    }

    private void WriteText(string path, string content)
    {
        using var stream = OpenEntry(path);
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }

    private string ContentTypes()
    {
        var sb = new StringBuilder(
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        foreach (var sheet in _sheets)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"""<Override PartName="/xl/worksheets/sheet{sheet.Index}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        return sb.Append("</Types>").ToString();
    }

    private string WorkbookRels()
    {
        var sb = new StringBuilder(
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        foreach (var sheet in _sheets)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"""<Relationship Id="rId{sheet.Index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{sheet.Index}.xml"/>""");
        }

        sb.Append(CultureInfo.InvariantCulture,
            $"""<Relationship Id="rId{_sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
        return sb.Append("</Relationships>").ToString();
    }

    private string WorkbookXml()
    {
        var sb = new StringBuilder(
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>""");
        foreach (var sheet in _sheets)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"""<sheet name="{SecurityElement.Escape(sheet.Name)}" sheetId="{sheet.Index}" r:id="rId{sheet.Index}"/>""");
        }

        sb.Append("</sheets><definedNames>");

        // Excel expects a hidden _FilterDatabase name per filtered sheet; without it the filter still shows
        // but sorting through the filter buttons misbehaves.
        foreach (var sheet in _sheets.Where(s => s.FilterRange is not null))
        {
            var quoted = XlsxNames.QuoteSheet(sheet.Name);
            var range = XlsxNames.AbsoluteRange(sheet.FilterRange!);
            sb.Append(CultureInfo.InvariantCulture,
                $"""<definedName name="_xlnm._FilterDatabase" localSheetId="{sheet.Index - 1}" hidden="1">{SecurityElement.Escape(quoted)}!{range}</definedName>""");
        }

        // Every streamed sheet starts with its header row: it repeats at the top of each printed page.
        foreach (var sheet in _sheets)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"""<definedName name="_xlnm.Print_Titles" localSheetId="{sheet.Index - 1}">{SecurityElement.Escape(XlsxNames.PrintTitles(sheet.Name))}</definedName>""");
        }

        sb.Append("</definedNames>");
        return sb.Append("</workbook>").ToString();
    }

    /// <summary>A cell format over the given number format, font and fill; shared with the hybrid writer's stylesheet.</summary>
    internal static CellFormat Format(uint numFmt, uint font = 0, uint fill = 0, bool wrap = false)
    {
        var format = new CellFormat
        {
            NumberFormatId = numFmt,
            FontId = font,
            FillId = fill,
            BorderId = 0,
            FormatId = 0,
            ApplyNumberFormat = numFmt != 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,

            // Top-aligned, so a date or figure sits on the first line of a row grown for wrapped text.
            ApplyAlignment = true,
            Alignment = wrap ? new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } : new Alignment { Vertical = VerticalAlignmentValues.Top },
        };
        return format;
    }

    private static Stylesheet BuildStylesheet()
    {

        static Font MakeFont(bool bold, double size)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            font.Append(new FontSize { Val = size });
            font.Append(new FontName { Val = "Calibri" });
            font.Append(new FontFamilyNumbering { Val = 2 });
            return font;
        }

        // Order must match XlsxStyle.
        var cellFormats = new CellFormats(
            Format(0),
            Format(0, font: 1, fill: 2, wrap: true),
            Format(164),
            Format(165),
            Format(3),
            Format(4),
            Format(166),
            Format(0, wrap: true),
            Format(0, font: 2),
            Format(0, font: 1));
        cellFormats.Count = (uint)cellFormats.ChildElements.Count;

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" },
                new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.0" })
            { Count = 3 },
            new DocumentFormat.OpenXml.Spreadsheet.Fonts(MakeFont(false, 11), MakeFont(true, 11), MakeFont(true, 14)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private sealed record SheetEntry(string Name, int Index, string? FilterRange = null);
}
