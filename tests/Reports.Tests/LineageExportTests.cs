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
        var first = lines[1].TrimStart('"');
        Assert.StartsWith("'" + hostile[0], first, StringComparison.Ordinal);
        using var book = new XLWorkbook(Path.Combine(_root, "inj", "lineage.xlsx"));
        var cell = book.Worksheet(1).Cell(2, 1);
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
        Assert.StartsWith("worker_id,batch_id,tool,config_version,captured_from_utc,", lines[0], StringComparison.Ordinal);
        // 09:00 at UTC+1 is 08:00Z; the quoted path keeps its embedded quotes doubled.
        Assert.Contains(",2026-01-05T08:00:00Z,2026-01-05T16:00:00Z,380,120000,DE,,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"raw-capture -> ir-store -> etl_copy_sec_to_train (copy) -> \"\"anonymize, v2\"\" -> atlas-train\"", lines[1], StringComparison.Ordinal);
        // One yes/no vocabulary with the workbook (issue 15).
        // The last column is the acknowledged notice text's SHA-256: empty where no text was imported.
        Assert.EndsWith(",,Yes,Yes,future_and_past,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_HashesMatchFilesAndCountsRows()
    {
        var manifest = Export("a", 12);
        var dir = Path.Combine(_root, "a");

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
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
        Assert.Equal(["Lineage", "Lineage (2)", "Lineage (3)"], wb.Worksheets.Select(w => w.Name).ToArray());
        Assert.Equal("Worker id", wb.Worksheet("Lineage (2)").Cell(1, 1).GetString());
        Assert.Equal("B-000009", wb.Worksheet("Lineage (2)").Cell(2, 2).GetString());
        Assert.Equal(XLDataType.DateTime, wb.Worksheet("Lineage").Cell(2, 5).DataType);
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0), wb.Worksheet("Lineage").Cell(2, 5).GetDateTime());
        Assert.Equal(XLDataType.Number, wb.Worksheet("Lineage").Cell(2, 8).DataType);
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
