using System.Text;
using System.Text.Json;
using Audit.Reports.Export;
using Audit.Reports.Models;
using ClosedXML.Excel;

namespace Audit.Reports.Tests;

public sealed class LineageExportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audit-lineage-" + Guid.NewGuid().ToString("N"));

    private static readonly LineageExportRequest Request = new(
        "M-2026-014", ["W-7317", "W-7334"], "atlas-train", "atlas-cua-2",
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private LineageExportManifest Export(string name, int rows, int maxRows = 1_048_576) =>
        new LineageExportWriter(null, maxRows).Write(Request, Enumerable.Range(0, rows).Select(Samples.ExportRow), Path.Combine(_root, name));

    /// <summary>
    /// OWASP CSV injection (issue 20): a worker id, dataset or path from an import or a lineage event that begins
    /// with '=', '+', '-', '@', a tab or a carriage return is written with a leading apostrophe, so a spreadsheet
    /// shows it as text; the workbook stores it as a string, never a formula.
    /// </summary>
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tx")]
    public void Csv_CellThatWouldRunAsAFormula_IsNeutralised_AndTheWorkbookKeepsText(string hostile)
    {
        var row = Samples.ExportRow(0) with { WorkerId = hostile, OriginDataset = hostile };
        new LineageExportWriter(null, 1_048_576).Write(Request, [row], Path.Combine(_root, "inj"));

        var lines = File.ReadAllLines(Path.Combine(_root, "inj", "lineage.csv"), Encoding.UTF8);
        // The first column is the row id; the worker id comes second.
        Assert.StartsWith("M-2026-014-0000001,", lines[1], StringComparison.Ordinal);
        var first = lines[1]["M-2026-014-0000001,".Length..].TrimStart('"');
        Assert.StartsWith("'" + hostile[0], first, StringComparison.Ordinal);
        using var book = new XLWorkbook(Path.Combine(_root, "inj", "lineage.xlsx"));
        var cell = book.Worksheet(1).Cell(2, 2);
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(hostile, cell.GetString());
    }

    [Fact]
    public void Csv_SameRowsTwice_IsByteIdentical()
    {
        Export("a", 50);
        Export("b", 50);

        var a = File.ReadAllBytes(Path.Combine(_root, "a", "lineage.csv"));
        var b = File.ReadAllBytes(Path.Combine(_root, "b", "lineage.csv"));
        Assert.Equal(a, b);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", "lineage.xlsx")), File.ReadAllBytes(Path.Combine(_root, "b", "lineage.xlsx")));
    }

    [Fact]
    public void Csv_IsRfc4180Utf8WithBomAndUtcTimestamps()
    {
        Export("a", 3);
        var bytes = File.ReadAllBytes(Path.Combine(_root, "a", "lineage.csv"));

        // The byte order mark makes Excel read UTF-8 (the path's arrows, accented names) instead of the ANSI code page.
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal(5, lines.Length); // header + 3 rows + trailing empty
        Assert.StartsWith("row_id,worker_id,batch_id,tool,config_version,captured_from_utc,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("M-2026-014-0000001,", lines[1], StringComparison.Ordinal);
        // 09:00 at UTC+1 is 08:00Z; the quoted path keeps its embedded quotes doubled.
        Assert.Contains(",2026-01-05T08:00:00Z,2026-01-05T16:00:00Z,380,120000,DE,,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"raw-capture -> ir-store -> etl_copy_sec_to_train (copy) -> \"\"anonymize, v2\"\" -> atlas-train\"", lines[1], StringComparison.Ordinal);
        // One yes/no vocabulary with the workbook (issue 15).
        // Row 0 acknowledged no notice, consented and opted out (each with its date); then the notice text's SHA-256
        // (none imported) and the findings it is evidence for, and what the export rests on: the matter, no
        // scan (the writer was given none), and the day the data was read.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith($",,,Yes,2025-12-01T09:00:00Z,Yes,2026-01-02T12:00:00Z,future_and_past,,R2:config:securewatch v4.2; R4:program:atlas,M-2026-014,,,{today}", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_HashesMatchFilesAndCountsRows()
    {
        var manifest = Export("a", 12);
        var dir = Path.Combine(_root, "a");

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["lineage.csv", "lineage.xlsx", "data-dictionary.csv"], files.Select(f => f.GetProperty("fileName").GetString()));
        foreach (var file in files)
        {
            var path = Path.Combine(dir, file.GetProperty("fileName").GetString()!);
            Assert.Equal(LineageExportWriter.Sha256Of(path), file.GetProperty("sha256").GetString());
            Assert.Equal(64, file.GetProperty("sha256").GetString()!.Length);
        }

        Assert.Equal(12, doc.RootElement.GetProperty("rowCount").GetInt64());
        Assert.Equal("M-2026-014", doc.RootElement.GetProperty("request").GetProperty("matterId").GetString());
        Assert.Equal("Audit", doc.RootElement.GetProperty("software").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("softwareVersion").GetString()));
        Assert.Equal(12, manifest.RowCount);
    }

    [Fact]
    public void Xlsx_AtRowLimit_ContinuesOnNewSheet()
    {
        var manifest = Export("a", 25, maxRows: 10);

        using var wb = new XLWorkbook(Path.Combine(_root, "a", "lineage.xlsx"));
        Assert.Equal(["Lineage", "Lineage (2)", "Lineage (3)", "About this export"], wb.Worksheets.Select(w => w.Name).ToArray());
        Assert.Equal("Row id", wb.Worksheet("Lineage (2)").Cell(1, 1).GetString());
        Assert.Equal("B-000009", wb.Worksheet("Lineage (2)").Cell(2, 3).GetString());
        Assert.Equal(XLDataType.DateTime, wb.Worksheet("Lineage").Cell(2, 6).DataType);
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0), wb.Worksheet("Lineage").Cell(2, 6).GetDateTime());
        Assert.Equal(XLDataType.Number, wb.Worksheet("Lineage").Cell(2, 9).DataType);
        Assert.Equal(3, manifest.Files.Single(f => f.FileName == "lineage.xlsx").Sheets);
    }

    [Fact]
    public void Rows_AreEnumeratedOnce()
    {
        var rows = new CountingEnumerable<LineageExportRow>(Enumerable.Range(0, 5).Select(Samples.ExportRow));

        new LineageExportWriter().Write(Request, rows, Path.Combine(_root, "once"));

        Assert.Equal(1, rows.Enumerations);
    }
}
