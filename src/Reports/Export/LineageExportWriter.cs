using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Audit.Reports.Models;
using Audit.Reports.Xlsx;

namespace Audit.Reports.Export;

/// <summary>
/// Writes counsel's lineage export: lineage.csv, lineage.xlsx (the rows, and a sheet saying what the export is),
/// data-dictionary.csv and manifest.json into a directory. Every row carries its Bates-style row id, the matter, the
/// scan whose findings it names and the days the data and the findings are as of.
/// </summary>
public sealed class LineageExportWriter
{
    public const string CsvFileName = "lineage.csv";
    public const string XlsxFileName = "lineage.xlsx";
    public const string ManifestFileName = "manifest.json";

    public const string DictionaryFileName = "data-dictionary.csv";

    /// <summary>A row as the columns read it: the row, its number in the matter (Bates style) and what the export rests on.</summary>
    private readonly record struct Line(LineageExportRow Row, string RowId, string MatterId, LineageExportBasis Basis);

    /// <summary>One column of the export: its CSV name, its workbook header and width, what it means, and its value.</summary>
    private sealed record Column(string Name, string Header, double Width, string Meaning, Func<Line, string> Text, Func<Line, XlsxCell> Cell);

    private static Column Plain(string name, string header, double width, string meaning, Func<Line, string?> value) =>
        new(name, header, width, meaning, l => value(l) ?? string.Empty, l => XlsxCell.Of(value(l)));

    private static Column Flag(string name, string header, string meaning, Func<Line, bool> value) =>
        new(name, header, 10, meaning, l => YesNo(value(l)), l => XlsxCell.Of(value(l)));

    private static Column Instant(string name, string header, string meaning, Func<Line, DateTimeOffset?> value) =>
        new(name, header, 17, meaning, l => value(l) is { } t ? Utc(t) : string.Empty, l => XlsxCell.Timestamp(value(l)));

    private static Column Number(string name, string header, double width, string meaning, Func<Line, long> value) =>
        new(name, header, width, meaning, l => value(l).ToString(CultureInfo.InvariantCulture), l => XlsxCell.Count(value(l)));

    /// <summary>The columns, in order: the CSV header, the workbook's header row and the data dictionary all come from here.</summary>
    private static readonly Column[] Columns =
    [
        Plain("row_id", "Row id", 18, "This row's number in the matter, Bates style: the matter id and a running number from 0000001, the same in the CSV and the workbook.", l => l.RowId),
        Plain("worker_id", "Worker id", 14, "The worker's HR id (case-sensitive).", l => l.Row.WorkerId),
        Plain("batch_id", "Batch id", 16, "The capture batch, as the capture tool named it.", l => l.Row.BatchId),
        Plain("tool", "Tool", 18, "The capture tool that recorded the batch.", l => l.Row.Tool),
        Plain("config_version", "Config version", 13, "The tool's configuration version the batch was captured under.", l => l.Row.ConfigVersion),
        Instant("captured_from_utc", "Captured from (UTC)", "Start of the capture window.", l => l.Row.CapturedFrom),
        Instant("captured_to_utc", "Captured to (UTC)", "End of the capture window.", l => l.Row.CapturedTo),
        Number("active_minutes", "Active minutes", 10, "Minutes of activity captured in the window.", l => l.Row.ActiveMinutes),
        Number("event_count", "Event count", 11, "Events the batch holds.", l => l.Row.EventCount),
        Plain("country", "Country", 8, "Where the worker was based when capture began (ISO 3166-1).", l => l.Row.Country),
        Plain("subdivision", "Subdivision", 11, "The state or region, where known (ISO 3166-2).", l => l.Row.Subdivision),
        Plain("origin_dataset", "Origin dataset", 26, "The dataset the batch landed in.", l => l.Row.OriginDataset),
        Plain("path", "Path (jobs and transforms)", 70, "The earliest lineage path from the origin to the sink: each job and its transform.", l => l.Row.Path),
        Plain("sink_dataset", "Sink dataset", 26, "The training dataset or model the path reaches; empty when the batch reaches none (the row is then the batch alone).", l => l.Row.SinkDataset),
        Plain("sink_kind", "Sink kind", 14, "training_dataset or model.", l => l.Row.SinkKind),
        Flag("sink_commercial", "Sink commercial", "yes when the sink is a model flagged commercial.", l => l.Row.SinkCommercial),
        Instant("reached_training_at_utc", "Reached training at (UTC)", "When the batch's data reached the sink: the later of the capture's end and the path's first run; empty when the path stopped before the capture.", l => l.Row.ReachedTrainingAt),
        Plain("acknowledged_notice_version", "Acknowledged notice version", 14, "The latest notice of the batch's tool or program the worker had acknowledged when capture began.", l => l.Row.AcknowledgedNoticeVersion),
        Instant("acknowledged_at_utc", "Acknowledged at (UTC)", "When the worker acknowledged that notice.", l => l.Row.AcknowledgedAt),
        Flag("ai_training_consent", "AI-training consent", "yes when, at capture time, the worker had acknowledged a notice naming AI training without withholding consent to it, and had not opted out since.", l => l.Row.AiTrainingConsent),
        Instant("ai_training_consent_at_utc", "AI-training consent at (UTC)", "When that consent was given (the acknowledgement it rests on).", l => l.Row.AiTrainingConsentAt),
        Flag("opted_out", "Opted out", "yes when the worker had opted out of the batch's program before capture began.", l => l.Row.OptedOut),
        Instant("opted_out_at_utc", "Opted out at (UTC)", "When that opt-out was made (the latest one before capture).", l => l.Row.OptedOutAt),
        Plain("opt_out_scope", "Opt-out scope", 14, "future_only or including_past.", l => l.Row.OptOutScope),
        Plain("acknowledged_notice_text_sha256", "Acknowledged notice text SHA-256", 30, "The SHA-256 of the acknowledged notice's imported text (import notice-texts), when one is held.", l => l.Row.AcknowledgedNoticeTextSha256),
        Plain("findings", "Findings", 40, "The findings of the scan named in scan_id that this batch is evidence for, as the rules hold them (separated by '; '); empty when it is evidence for none.", l => l.Row.Findings is { Count: > 0 } f ? string.Join("; ", f) : null),
        Plain("matter_id", "Matter id", 14, "The matter the export was made for.", l => l.MatterId),
        new("scan_id", "Scan id", 8, "The scan whose findings the findings column names; empty when no scan had been made.", l => l.Basis.ScanId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, l => l.Basis.ScanId is { } id ? XlsxCell.Count(id) : XlsxCell.Empty),
        new("scan_as_of", "Scan as of", 11, "That scan's as-of day: the findings are judged on the data as it stood then.", l => l.Basis.ScanAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, l => XlsxCell.Date(l.Basis.ScanAsOf)),
        new("data_as_of", "Data as of", 11, "The day the rows were read: batches, lineage, notices and opt-outs as recorded by then.", l => l.Basis.DataAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l => XlsxCell.Date(l.Basis.DataAsOf)),
    ];

    /// <summary>The CSV header row.</summary>
    public static IReadOnlyList<string> Header { get; } = Columns.Select(c => c.Name).ToArray();

    /// <summary>Row ids are the matter and a running number: "2026-CV-0113-0000001".</summary>
    public static string RowId(string matterId, long number) => $"{matterId}-{number.ToString("D7", CultureInfo.InvariantCulture)}";

    /// <summary>How every export's manifest.json is written (the lineage export's and the purge scope's).</summary>
    internal static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly TimeProvider _time;
    private readonly int _maxRowsPerSheet;

    public LineageExportWriter(TimeProvider? time = null)
        : this(time, XlsxStreamWriter.ExcelMaxRows)
    {
    }

    /// <summary>Test seam: a small row limit exercises the continuation sheets.</summary>
    internal LineageExportWriter(TimeProvider? time, int maxRowsPerSheet)
    {
        _time = time ?? TimeProvider.System;
        _maxRowsPerSheet = maxRowsPerSheet;
    }

    /// <summary>
    /// Enumerates <paramref name="rows"/> once, in the order given (the service sorts them), writing each row to
    /// the CSV and the workbook in the same pass so nothing is held in memory and the database is read once.
    /// The hashes are computed afterwards from the files on disk, i.e. from exactly what counsel receives.
    /// </summary>
    public LineageExportManifest Write(LineageExportRequest request, IEnumerable<LineageExportRow> rows, string directory) =>
        Write(request, new LineageExportBasis(null, null, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), "no scan: the findings column is empty"), rows, directory);

    public LineageExportManifest Write(LineageExportRequest request, LineageExportBasis basis, IEnumerable<LineageExportRow> rows, string directory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(rows);
        Directory.CreateDirectory(directory);
        var csvPath = Path.Combine(directory, CsvFileName);
        var xlsxPath = Path.Combine(directory, XlsxFileName);
        var dictionaryPath = Path.Combine(directory, DictionaryFileName);

        long count;
        int sheets;
        using (var csvStream = new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None))
        // With a BOM: Excel opens a BOM-less CSV as the machine's ANSI code page and garbles "→" and accented names.
        using (var csv = new StreamWriter(csvStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var xlsxStream = new FileStream(xlsxPath, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var xlsx = new XlsxStreamWriter(xlsxStream, _maxRowsPerSheet))
        {
            csv.NewLine = "\r\n"; // RFC 4180 line breaks on every platform.
            WriteCsvLine(csv, [.. Header]);
            var sheet = xlsx.AddSheet("Lineage", Columns.Select(c => new XlsxColumn(c.Header, c.Width)).ToList(), autoFilter: true);
            var fields = new string[Columns.Length];
            var cells = new XlsxCell[Columns.Length];
            long number = 0;
            foreach (var row in rows)
            {
                var line = new Line(row, RowId(request.MatterId, ++number), request.MatterId, basis);
                for (var i = 0; i < Columns.Length; i++)
                {
                    fields[i] = Columns[i].Text(line);
                    cells[i] = Columns[i].Cell(line);
                }

                WriteCsvLine(csv, fields);
                sheet.WriteRow(cells);
            }

            count = sheet.DataRows;
            sheets = sheet.Parts;
            WriteAbout(xlsx.AddSheet("About this export", [new XlsxColumn("Item", 28), new XlsxColumn("Value", 100)], maxRows: XlsxStreamWriter.ExcelMaxRows), request, basis);
            xlsx.Finish();
        }

        using (var stream = new FileStream(dictionaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var csv = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            csv.NewLine = "\r\n";
            WriteCsvLine(csv, ["column", "workbook_header", "meaning", "matter_id", "scan_id", "scan_as_of", "data_as_of"]);
            foreach (var c in Columns)
            {
                WriteCsvLine(csv, [c.Name, c.Header, c.Meaning, request.MatterId, basis.ScanId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    basis.ScanAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, basis.DataAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
        }

        var software = typeof(LineageExportWriter).Assembly;
        var manifest = new LineageExportManifest(
            request,
            _time.GetUtcNow(),
            count,
            [
                new ExportedFile(CsvFileName, Sha256Of(csvPath), new FileInfo(csvPath).Length, count, null),
                new ExportedFile(XlsxFileName, Sha256Of(xlsxPath), new FileInfo(xlsxPath).Length, count, sheets),
                new ExportedFile(DictionaryFileName, Sha256Of(dictionaryPath), new FileInfo(dictionaryPath).Length, Columns.Length, null),
            ],
            ReportConstants.SoftwareName,
            software.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? software.GetName().Version?.ToString() ?? "unknown",
            count == 0 ? LineageExportManifest.NothingMatched : null,
            basis,
            count == 0 ? null : RowId(request.MatterId, 1),
            count == 0 ? null : RowId(request.MatterId, count));

        using (var manifestStream = new FileStream(Path.Combine(directory, ManifestFileName), FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(manifestStream, manifest, ManifestJson);
        }

        return manifest;
    }

    /// <summary>The workbook's second sheet: what the export is (matter, requester, scan, days) and the data dictionary.</summary>
    private static void WriteAbout(XlsxSheet sheet, LineageExportRequest request, LineageExportBasis basis)
    {
        void Item(string item, string? value) => sheet.WriteRow(XlsxCell.Of(item), XlsxCell.Of(value));
        Item("Matter id", request.MatterId);
        Item("Requested by", request.RequestedBy);
        Item("Scan id", basis.ScanId?.ToString(CultureInfo.InvariantCulture) ?? "none");
        Item("Scan as of", basis.ScanAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none");
        Item("Data as of", basis.DataAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Item("Findings column", basis.FindingsSelection);
        Item(string.Empty, string.Empty);
        Item("Column", "Meaning");
        foreach (var c in Columns)
        {
            Item($"{c.Header} ({c.Name})", c.Meaning);
        }
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string YesNo(bool value) => ReportConstants.YesNo(value);

    internal static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteCsvLine(StreamWriter writer, string[] fields) => CsvLine.Write(writer, fields);
}
