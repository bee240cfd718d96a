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
/// Writes counsel's lineage export: lineage.csv, lineage.xlsx and manifest.json into a directory.
/// </summary>
public sealed class LineageExportWriter
{
    public const string CsvFileName = "lineage.csv";
    public const string XlsxFileName = "lineage.xlsx";
    public const string ManifestFileName = "manifest.json";

    private static readonly string[] Header =
    [
        "worker_id", "batch_id", "tool", "config_version", "captured_from_utc", "captured_to_utc", "active_minutes",
        "event_count", "country", "subdivision", "origin_dataset", "path", "sink_dataset", "sink_kind",
        "sink_commercial", "reached_training_at_utc", "acknowledged_notice_version", "ai_training_consent",
        "opted_out", "opt_out_scope", "acknowledged_notice_text_sha256",
    ];

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
    public LineageExportManifest Write(LineageExportRequest request, IEnumerable<LineageExportRow> rows, string directory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rows);
        Directory.CreateDirectory(directory);
        var csvPath = Path.Combine(directory, CsvFileName);
        var xlsxPath = Path.Combine(directory, XlsxFileName);

        long count;
        int sheets;
        using (var csvStream = new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None))
        // With a BOM: Excel opens a BOM-less CSV as the machine's ANSI code page and garbles "→" and accented names.
        using (var csv = new StreamWriter(csvStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var xlsxStream = new FileStream(xlsxPath, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var xlsx = new XlsxStreamWriter(xlsxStream, _maxRowsPerSheet))
        {
            csv.NewLine = "\r\n"; // RFC 4180 line breaks on every platform.
            WriteCsvLine(csv, Header);
            var sheet = xlsx.AddSheet("Lineage", Columns, autoFilter: true);
            var fields = new string[Header.Length];
            foreach (var row in rows)
            {
                Fill(fields, row);
                WriteCsvLine(csv, fields);
                WriteXlsxRow(sheet, row);
            }

            count = sheet.DataRows;
            sheets = sheet.Parts;
            xlsx.Finish();
        }

        var software = typeof(LineageExportWriter).Assembly;
        var manifest = new LineageExportManifest(
            request,
            _time.GetUtcNow(),
            count,
            [
                new ExportedFile(CsvFileName, Sha256Of(csvPath), new FileInfo(csvPath).Length, count, null),
                new ExportedFile(XlsxFileName, Sha256Of(xlsxPath), new FileInfo(xlsxPath).Length, count, sheets),
            ],
            ReportConstants.SoftwareName,
            software.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? software.GetName().Version?.ToString() ?? "unknown",
            count == 0 ? LineageExportManifest.NothingMatched : null);

        using (var manifestStream = new FileStream(Path.Combine(directory, ManifestFileName), FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(manifestStream, manifest, ManifestJson);
        }

        return manifest;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static readonly XlsxColumn[] Columns =
    [
        new("Worker id", 14), new("Batch id", 16), new("Tool", 18), new("Config version", 13),
        new("Captured from (UTC)", 17), new("Captured to (UTC)", 17), new("Active minutes", 10),
        new("Event count", 11), new("Country", 8), new("Subdivision", 11), new("Origin dataset", 26),
        new("Path (jobs and transforms)", 70), new("Sink dataset", 26), new("Sink kind", 14),
        new("Sink commercial", 10), new("Reached training at (UTC)", 17), new("Acknowledged notice version", 14),
        new("AI-training consent", 10), new("Opted out", 9), new("Opt-out scope", 14), new("Acknowledged notice text SHA-256", 30),
    ];

    private static void WriteXlsxRow(XlsxSheet sheet, LineageExportRow r) =>
        sheet.WriteRow(
            XlsxCell.Of(r.WorkerId), XlsxCell.Of(r.BatchId), XlsxCell.Of(r.Tool), XlsxCell.Of(r.ConfigVersion),
            XlsxCell.Timestamp(r.CapturedFrom), XlsxCell.Timestamp(r.CapturedTo), XlsxCell.Count(r.ActiveMinutes),
            XlsxCell.Count(r.EventCount), XlsxCell.Of(r.Country), XlsxCell.Of(r.Subdivision),
            XlsxCell.Of(r.OriginDataset), XlsxCell.Of(r.Path), XlsxCell.Of(r.SinkDataset), XlsxCell.Of(r.SinkKind),
            XlsxCell.Of(r.SinkCommercial), XlsxCell.Timestamp(r.ReachedTrainingAt),
            XlsxCell.Of(r.AcknowledgedNoticeVersion), XlsxCell.Of(r.AiTrainingConsent), XlsxCell.Of(r.OptedOut),
            XlsxCell.Of(r.OptOutScope), XlsxCell.Of(r.AcknowledgedNoticeTextSha256));

    private static void Fill(string[] f, LineageExportRow r)
    {
        f[0] = r.WorkerId;
        f[1] = r.BatchId;
        f[2] = r.Tool;
        f[3] = r.ConfigVersion;
        f[4] = Utc(r.CapturedFrom);
        f[5] = Utc(r.CapturedTo);
        f[6] = r.ActiveMinutes.ToString(CultureInfo.InvariantCulture);
        f[7] = r.EventCount.ToString(CultureInfo.InvariantCulture);
        f[8] = r.Country;
        f[9] = r.Subdivision ?? "";
        f[10] = r.OriginDataset;
        f[11] = r.Path;
        f[12] = r.SinkDataset;
        f[13] = r.SinkKind;
        f[14] = YesNo(r.SinkCommercial);
        f[15] = r.ReachedTrainingAt is { } t ? Utc(t) : "";
        f[16] = r.AcknowledgedNoticeVersion ?? "";
        f[17] = YesNo(r.AiTrainingConsent);
        f[18] = YesNo(r.OptedOut);
        f[19] = r.OptOutScope ?? "";
        f[20] = r.AcknowledgedNoticeTextSha256 ?? "";
    }

    private static string YesNo(bool value) => ReportConstants.YesNo(value);

    internal static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteCsvLine(StreamWriter writer, string[] fields) => CsvLine.Write(writer, fields);
}
