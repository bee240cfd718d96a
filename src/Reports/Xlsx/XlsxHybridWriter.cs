using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Audit.Reports.Xlsx;

/// <summary>
/// Appends streamed sheets to a small workbook built in memory (by ClosedXML), writing the result to
/// <c>output</c> forward-only.
/// </summary>
/// <remarks>
/// The small package is reopened with <see cref="SpreadsheetDocument"/> only to add the streamed sheets' cell
/// formats to its stylesheet. The big sheets are not written through the SDK: a package opened for editing keeps
/// every part it writes in memory until it is saved (ZipArchive update mode), so a million-row sheet would be
/// held whole. Instead the output is a new zip in create mode: the small package's parts are copied into it,
/// each big sheet is streamed into its own entry with <see cref="XlsxXmlWriter"/> (deflated at
/// <see cref="CompressionLevel.Fastest"/>), and the three package files that list parts (the workbook, its
/// relationships and the content types) are rewritten last.
/// </remarks>
internal sealed class XlsxHybridWriter : IXlsxSheetHost, IDisposable
{
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string WorksheetRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace ExtendedProperties = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    private const string AppPropertiesEntry = "docProps/app.xml";
    private static readonly DateTimeOffset FixedEntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ZipArchive _source;
    private readonly ZipArchive _zip;
    private readonly IReadOnlyList<string> _order;
    private readonly int _maxRowsPerSheet;
    private readonly uint[] _styles;
    private readonly string _workbookEntry;
    private readonly string _workbookRelsEntry;
    private readonly List<StreamedPart> _parts = [];
    private readonly HashSet<string> _names;
    private XlsxSheet? _open;
    private string? _openLogicalName;
    private bool _finished;

    /// <param name="output">Receives the finished package; may be non-seekable.</param>
    /// <param name="formatted">The small workbook; its stylesheet is edited in place.</param>
    /// <param name="order">
    /// Logical sheet names in the order the workbook shows them: the formatted sheets' names and the names given
    /// to <see cref="AddSheet"/> (whose continuation sheets follow them). Sheets not named go last.
    /// </param>
    /// <param name="styles">The cell formats the streamed cells use, keyed by style.</param>
    public XlsxHybridWriter(
        Stream output,
        MemoryStream formatted,
        IReadOnlyList<string> order,
        IReadOnlyDictionary<XlsxStyle, CellFormatSpec> styles,
        int maxRowsPerSheet = XlsxStreamWriter.ExcelMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSheet, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRowsPerSheet, XlsxStreamWriter.ExcelMaxRows);
        _order = order;
        _maxRowsPerSheet = maxRowsPerSheet;

        formatted.Position = 0;
        (_styles, _workbookEntry) = AddStyles(formatted, styles);
        var slash = _workbookEntry.LastIndexOf('/');
        _workbookRelsEntry = _workbookEntry[..(slash + 1)] + "_rels/" + _workbookEntry[(slash + 1)..] + ".rels";

        formatted.Position = 0;
        _source = new ZipArchive(formatted, ZipArchiveMode.Read, leaveOpen: true);
        _names = new HashSet<string>(
            ReadXml(_workbookEntry).Root!.Element(Main + "sheets")!.Elements(Main + "sheet").Select(s => (string)s.Attribute("name")!),
            StringComparer.OrdinalIgnoreCase);

        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        foreach (var entry in _source.Entries)
        {
            if (!IsRewritten(entry.FullName))
            {
                using var from = entry.Open();
                using var to = OpenEntry(entry.FullName);
                from.CopyTo(to);
            }
        }
    }

    /// <summary>Sheet names in workbook order, once <see cref="Finish"/> has run.</summary>
    public IReadOnlyList<string> SheetNames { get; private set; } = [];

    /// <summary>Starts a streamed sheet (closing the previous one: zip entries are written one at a time).</summary>
    public XlsxSheet AddSheet(string name, IReadOnlyList<XlsxColumn> columns, bool autoFilter = false)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _open?.Close();
        _openLogicalName = name;
        _open = new XlsxSheet(this, name, columns, autoFilter, _maxRowsPerSheet);
        return _open;
    }

    public uint StyleIndex(XlsxStyle style) => _styles[(int)style];

    public XlsxSheetPart BeginSheetPart(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"Sheet name '{name}' is used twice.");
        }

        var index = _parts.Count + 1;
        var entry = $"xl/worksheets/streamed{index.ToString(CultureInfo.InvariantCulture)}.xml";
        if (_source.GetEntry(entry) is not null)
        {
            throw new InvalidOperationException($"The formatted workbook already has a part '{entry}'.");
        }

        _parts.Add(new StreamedPart(_openLogicalName!, name, entry));
        return new XlsxSheetPart(OpenEntry(entry, CompressionLevel.Fastest), index, Selected: false);
    }

    public void SetFilter(int index, string range) => _parts[index - 1].FilterRange = range;

    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _open?.Close();
        _open = null;

        var relIds = _parts.Select((_, i) => "rIdStreamed" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        WriteXml(_workbookEntry, RewriteWorkbook(ReadXml(_workbookEntry), relIds));
        WriteXml(_workbookRelsEntry, RewriteRelationships(ReadXml(_workbookRelsEntry), relIds));
        WriteXml("[Content_Types].xml", RewriteContentTypes(ReadXml("[Content_Types].xml")));
        if (_source.GetEntry(AppPropertiesEntry) is not null)
        {
            WriteXml(AppPropertiesEntry, RewriteAppProperties(ReadXml(AppPropertiesEntry)));
        }

        _finished = true;
        _zip.Dispose();
        _source.Dispose();
    }

    public void Dispose() => Finish();

    private bool IsRewritten(string entry) =>
        entry == _workbookEntry || entry == _workbookRelsEntry || entry == "[Content_Types].xml" || entry == AppPropertiesEntry;

    /// <summary>
    /// The extended properties list the formatted sheets only (and names the workbook never got); both lists are
    /// optional, so they are dropped rather than left stale.
    /// </summary>
    private static XDocument RewriteAppProperties(XDocument doc)
    {
        doc.Root!.Element(ExtendedProperties + "HeadingPairs")?.Remove();
        doc.Root!.Element(ExtendedProperties + "TitlesOfParts")?.Remove();
        return doc;
    }

    private XDocument RewriteWorkbook(XDocument doc, List<string> relIds)
    {
        var root = doc.Root!;
        var sheets = root.Element(Main + "sheets")!;
        var formatted = sheets.Elements(Main + "sheet").ToList();
        var nextSheetId = formatted.Select(s => (uint)s.Attribute("sheetId")!).DefaultIfEmpty(0u).Max() + 1;

        // Each sheet in its final place: either a formatted sheet (with its old position) or a streamed part.
        var placed = new List<(XElement Sheet, int? OldIndex, StreamedPart? Part)>();
        void PlaceFormatted(XElement sheet) => placed.Add((sheet, formatted.IndexOf(sheet), null));
        void PlaceStreamed(int i)
        {
            var part = _parts[i];
            var sheet = new XElement(Main + "sheet",
                new XAttribute("name", part.Name),
                new XAttribute("sheetId", (nextSheetId + (uint)i).ToString(CultureInfo.InvariantCulture)),
                new XAttribute(RelNs + "id", relIds[i]));
            placed.Add((sheet, null, part));
        }

        foreach (var name in _order)
        {
            if (formatted.Find(s => string.Equals((string?)s.Attribute("name"), name, StringComparison.OrdinalIgnoreCase)) is { } sheet)
            {
                PlaceFormatted(sheet);
            }

            for (var i = 0; i < _parts.Count; i++)
            {
                if (string.Equals(_parts[i].LogicalName, name, StringComparison.Ordinal))
                {
                    PlaceStreamed(i);
                }
            }
        }

        foreach (var sheet in formatted.Where(s => !placed.Exists(p => p.Sheet == s)))
        {
            PlaceFormatted(sheet);
        }

        for (var i = 0; i < _parts.Count; i++)
        {
            if (!placed.Exists(p => p.Part == _parts[i]))
            {
                PlaceStreamed(i);
            }
        }

        sheets.ReplaceNodes(placed.Select(p => p.Sheet));

        // Sheet-scoped names (the formatted sheets' filters, print titles) follow their sheet to its new place.
        var definedNames = root.Element(Main + "definedNames");
        if (definedNames is null)
        {
            definedNames = new XElement(Main + "definedNames");
            sheets.AddAfterSelf(definedNames);
        }

        foreach (var name in definedNames.Elements(Main + "definedName"))
        {
            if (name.Attribute("localSheetId") is { } local)
            {
                var old = int.Parse(local.Value, CultureInfo.InvariantCulture);
                local.Value = placed.FindIndex(p => p.OldIndex == old).ToString(CultureInfo.InvariantCulture);
            }
        }

        for (var i = 0; i < placed.Count; i++)
        {
            if (placed[i].Part is { FilterRange: { } range } part)
            {
                definedNames.Add(new XElement(Main + "definedName",
                    new XAttribute("name", "_xlnm._FilterDatabase"),
                    new XAttribute("localSheetId", i.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("hidden", "1"),
                    XlsxNames.QuoteSheet(part.Name) + "!" + XlsxNames.AbsoluteRange(range)));
            }

            if (placed[i].Part is { } streamed)
            {
                // Streamed sheets start with their header row: it repeats at the top of each printed page.
                definedNames.Add(new XElement(Main + "definedName",
                    new XAttribute("name", "_xlnm.Print_Titles"),
                    new XAttribute("localSheetId", i.ToString(CultureInfo.InvariantCulture)),
                    XlsxNames.PrintTitles(streamed.Name)));
            }
        }

        if (!definedNames.HasElements)
        {
            definedNames.Remove();
        }

        SheetNames = placed.ConvertAll(p => (string)p.Sheet.Attribute("name")!);
        return doc;
    }

    private XDocument RewriteRelationships(XDocument doc, List<string> relIds)
    {
        for (var i = 0; i < _parts.Count; i++)
        {
            doc.Root!.Add(new XElement(PackageRels + "Relationship",
                new XAttribute("Type", WorksheetRelType),
                new XAttribute("Target", "/" + _parts[i].Entry),
                new XAttribute("Id", relIds[i])));
        }

        return doc;
    }

    private XDocument RewriteContentTypes(XDocument doc)
    {
        foreach (var part in _parts)
        {
            doc.Root!.Add(new XElement(ContentTypes + "Override",
                new XAttribute("PartName", "/" + part.Entry),
                new XAttribute("ContentType", WorksheetContentType)));
        }

        return doc;
    }

    /// <summary>
    /// Adds a cell format per style to the small workbook's stylesheet (after whatever ClosedXML wrote) and
    /// returns their cellXfs indices, plus the workbook part's zip entry name.
    /// </summary>
    private static (uint[] Styles, string WorkbookEntry) AddStyles(MemoryStream package, IReadOnlyDictionary<XlsxStyle, CellFormatSpec> specs)
    {
        using var doc = SpreadsheetDocument.Open(package, true);
        var workbookPart = doc.WorkbookPart ?? throw new InvalidOperationException("The formatted workbook has no workbook part.");
        var stylesPart = workbookPart.WorkbookStylesPart ?? workbookPart.AddNewPart<WorkbookStylesPart>();
        var stylesheet = stylesPart.Stylesheet ??= new Stylesheet();

        var numberingFormats = stylesheet.NumberingFormats ??= new NumberingFormats();
        var fonts = stylesheet.Fonts ??= new DocumentFormat.OpenXml.Spreadsheet.Fonts(new Font());
        var fills = stylesheet.Fills ??= new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        stylesheet.Borders ??= new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()));
        stylesheet.CellStyleFormats ??= new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 });
        var cellFormats = stylesheet.CellFormats ??= new CellFormats(new CellFormat());

        var numFmtIds = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var existing in numberingFormats.Elements<NumberingFormat>())
        {
            numFmtIds.TryAdd(existing.FormatCode!.Value!, existing.NumberFormatId!.Value);
        }

        var nextNumFmt = Math.Max(164u, numFmtIds.Values.DefaultIfEmpty(0u).Max() + 1);
        var fontIds = new Dictionary<(bool, double), uint>();
        var fillIds = new Dictionary<string, uint>(StringComparer.Ordinal);

        uint NumFmt(CellFormatSpec spec)
        {
            if (spec.BuiltInFormatId is { } builtIn)
            {
                return builtIn;
            }

            if (spec.FormatCode is null)
            {
                return 0;
            }

            if (!numFmtIds.TryGetValue(spec.FormatCode, out var id))
            {
                id = nextNumFmt++;
                numberingFormats.Append(new NumberingFormat { NumberFormatId = id, FormatCode = spec.FormatCode });
                numFmtIds.Add(spec.FormatCode, id);
            }

            return id;
        }

        uint FontId(CellFormatSpec spec)
        {
            if (!spec.Bold && spec.FontSize is null)
            {
                return 0;
            }

            var key = (spec.Bold, spec.FontSize ?? 11);
            if (!fontIds.TryGetValue(key, out var id))
            {
                var font = new Font();
                if (spec.Bold)
                {
                    font.Append(new Bold());
                }

                font.Append(new FontSize { Val = key.Item2 });
                font.Append(new FontName { Val = "Calibri" });
                font.Append(new FontFamilyNumbering { Val = 2 });
                fonts.Append(font);
                id = (uint)fonts.ChildElements.Count - 1;
                fontIds.Add(key, id);
            }

            return id;
        }

        uint FillId(CellFormatSpec spec)
        {
            if (spec.FillRgb is null)
            {
                return 0;
            }

            if (!fillIds.TryGetValue(spec.FillRgb, out var id))
            {
                fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = spec.FillRgb }) { PatternType = PatternValues.Solid }));
                id = (uint)fills.ChildElements.Count - 1;
                fillIds.Add(spec.FillRgb, id);
            }

            return id;
        }

        var styles = new uint[Enum.GetValues<XlsxStyle>().Length];
        foreach (var (style, spec) in specs)
        {
            var numFmt = NumFmt(spec);
            var font = FontId(spec);
            var fill = FillId(spec);
            var format = XlsxStreamWriter.Format(numFmt, font, fill, spec.Wrap);

            cellFormats.Append(format);
            styles[(int)style] = (uint)cellFormats.ChildElements.Count - 1;
        }

        numberingFormats.Count = (uint)numberingFormats.ChildElements.Count;
        fonts.Count = (uint)fonts.ChildElements.Count;
        fills.Count = (uint)fills.ChildElements.Count;
        cellFormats.Count = (uint)cellFormats.ChildElements.Count;
        stylesPart.Stylesheet.Save();
        return (styles, workbookPart.Uri.OriginalString.TrimStart('/'));
    }

    private XDocument ReadXml(string entry)
    {
        using var stream = (_source.GetEntry(entry) ?? throw new InvalidOperationException($"The formatted workbook has no '{entry}'.")).Open();
        return XDocument.Load(stream);
    }

    private void WriteXml(string entry, XDocument doc)
    {
        using var stream = OpenEntry(entry);
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false });
        writer.WriteStartDocument(standalone: true);
        doc.Root!.WriteTo(writer);
        writer.WriteEndDocument();
    }

    private Stream OpenEntry(string path, CompressionLevel level = CompressionLevel.Optimal)
    {
        var entry = _zip.CreateEntry(path, level);
        entry.LastWriteTime = FixedEntryTime;
        return entry.Open();
    }

    private sealed class StreamedPart(string logicalName, string name, string entry)
    {
        public string LogicalName { get; } = logicalName;

        public string Name { get; } = name;

        public string Entry { get; } = entry;

        public string? FilterRange { get; set; }
    }
}

/// <summary>A cell format to add to a stylesheet: a built-in number format id or a format code, font, fill, wrap.</summary>
internal sealed record CellFormatSpec(
    string? FormatCode = null,
    uint? BuiltInFormatId = null,
    bool Bold = false,
    double? FontSize = null,
    string? FillRgb = null,
    bool Wrap = false);
