using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Audit.Service.Tests.Cli;

/// <summary>
/// Counsel's lineage export reconciles with the scan (issue 25, item 4), run as counsel runs it on the demo: each batch
/// names the findings it is evidence for, as the rules hold them, so the batches tied to a finding are as many as the
/// scan counted for it; every file says which matter, scan and days it rests on; rows are numbered per matter; who
/// asked is recorded; a data dictionary explains each column; the manifest's own SHA-256 is printed and logged.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class LineageExportReconcilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DatabasePath => _folder.File("audit.db");

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={DatabasePath};Pooling=False", ["Audit:OutputPath"] = _folder.File("out") }, args);

    private async Task<(string Folder, CliRun Run)> ExportAsync(params string[] extra)
    {
        Assert.Equal(0, (await RunAsync("demo", "--workers", "300")).ExitCode);
        var run = await RunAsync(["export", "lineage", "--matter", "2026-CV-0113", .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return (Assert.Single(Directory.GetDirectories(_folder.File("out/exports/2026-CV-0113"))), run);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = Split(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(Split(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>RFC 4180 fields: quoted ones may hold commas and doubled quotes.</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private async Task<(long ScanId, string AsOf, Dictionary<string, long> Batches)> NewestScanAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        var scan = await connection.QuerySingleAsync<(long ScanId, string AsOf)>("SELECT ScanId, AsOf FROM ScanRun WHERE Status = 'succeeded' ORDER BY AsOf DESC, ScanId DESC LIMIT 1");
        var batches = (await connection.QueryAsync<(string Key, long Batches)>("SELECT FindingKey, Batches FROM ScanFinding WHERE ScanId = @ScanId AND Change <> 'resolved' AND Batches > 0", new { scan.ScanId }))
            .ToDictionary(f => f.Key, f => f.Batches, StringComparer.Ordinal);
        return (scan.ScanId, scan.AsOf[..10], batches);
    }

    [Fact]
    public async Task AFullExport_TiesToEachFindingAsManyBatchesAsTheScanCounted_R4Included()
    {
        var (folder, _) = await ExportAsync();
        var (scanId, _, counted) = await NewestScanAsync();

        var rows = ReadCsv(Path.Combine(folder, "lineage.csv"));
        var tied = rows.SelectMany(r => r["findings"].Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(f => (Finding: f, Batch: r["batch_id"])))
            .GroupBy(t => t.Finding, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Select(t => t.Batch).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);

        Assert.Contains(counted.Keys, k => k.StartsWith("R4:", StringComparison.Ordinal));
        Assert.Equal(counted.OrderBy(c => c.Key, StringComparer.Ordinal), tied.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(scanId.ToString(System.Globalization.CultureInfo.InvariantCulture), r["scan_id"]));
    }

    [Fact]
    public async Task EveryFileNamesTheMatterTheScanAndTheDays_RowsAreNumberedPerMatter_AndADictionaryExplainsEachColumn()
    {
        var (folder, _) = await ExportAsync();
        var (scanId, scanAsOf, _) = await NewestScanAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var rows = ReadCsv(Path.Combine(folder, "lineage.csv"));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => $"2026-CV-0113-{n:D7}"), rows.Select(r => r["row_id"]));
        Assert.All(rows, r => Assert.Equal(("2026-CV-0113", scanAsOf, today), (r["matter_id"], r["scan_as_of"], r["data_as_of"])));

        using (var workbook = new XLWorkbook(Path.Combine(folder, "lineage.xlsx")))
        {
            var sheet = workbook.Worksheet("Lineage");
            Assert.Equal("Row id", sheet.Cell(1, 1).GetString());
            Assert.Equal(rows[^1]["row_id"], sheet.Cell(rows.Count + 1, 1).GetString());
            var about = workbook.Worksheet("About this export");
            var items = about.RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
            Assert.Equal("2026-CV-0113", items["Matter id"]);
            Assert.Equal(scanId.ToString(System.Globalization.CultureInfo.InvariantCulture), items["Scan id"]);
            Assert.Equal(today, items["Data as of"]);
        }

        var dictionary = ReadCsv(Path.Combine(folder, "data-dictionary.csv"));
        Assert.Equal(File.ReadLines(Path.Combine(folder, "lineage.csv")).First().TrimStart('\uFEFF').Split(','), dictionary.Select(d => d["column"]));
        Assert.All(dictionary, d => Assert.False(string.IsNullOrWhiteSpace(d["meaning"]), d["column"]));
        Assert.All(dictionary, d => Assert.Equal(("2026-CV-0113", scanAsOf), (d["matter_id"], d["scan_as_of"])));

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")));
        var basis = manifest.RootElement.GetProperty("basis");
        Assert.Equal(scanId, basis.GetProperty("scanId").GetInt64());
        Assert.Equal(scanAsOf, basis.GetProperty("scanAsOf").GetString());
        Assert.Equal(today, basis.GetProperty("dataAsOf").GetString());
        Assert.Equal("2026-CV-0113-0000001", manifest.RootElement.GetProperty("firstRowId").GetString());
        Assert.Contains(manifest.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("fileName").GetString() == "data-dictionary.csv");
    }

    [Fact]
    public async Task OptOutAndConsentRows_CarryTheirDates_NoLaterThanTheCapture()
    {
        var (folder, _) = await ExportAsync();

        var rows = ReadCsv(Path.Combine(folder, "lineage.csv"));
        var optedOut = rows.Where(r => r["opted_out"] == "Yes").ToList();
        var consented = rows.Where(r => r["ai_training_consent"] == "Yes").ToList();
        Assert.NotEmpty(optedOut);
        Assert.NotEmpty(consented);
        Assert.All(optedOut, r => Assert.InRange(string.CompareOrdinal(r["opted_out_at_utc"], r["captured_from_utc"]), int.MinValue, 0));
        Assert.All(optedOut, r => Assert.NotEqual(string.Empty, r["opted_out_at_utc"]));
        Assert.All(consented, r => Assert.NotEqual(string.Empty, r["ai_training_consent_at_utc"]));
        Assert.All(consented, r => Assert.True(string.CompareOrdinal(r["ai_training_consent_at_utc"], r["captured_from_utc"]) <= 0));
        Assert.All(rows.Where(r => r["opted_out"] == "No"), r => Assert.Equal(string.Empty, r["opted_out_at_utc"]));
    }

    [Fact]
    public async Task WhoAsked_IsInTheManifest_AndTheManifestsOwnHashIsPrintedAndLogged()
    {
        var (folder, run) = await ExportAsync("--by", "J. Counsel");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")));
        var requestedBy = manifest.RootElement.GetProperty("request").GetProperty("requestedBy").GetString()!;
        Assert.StartsWith("J. Counsel (--by; operating-system user ", requestedBy, StringComparison.Ordinal);

        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json"))));
        Assert.Contains($"manifest.json SHA-256 {sha}", run.Out, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'export' AND Subject = '2026-CV-0113' AND Sha256 = @sha", new { sha }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ABlankRequester_Exits64_WritingNothing(string by)
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var run = await RunAsync("export", "lineage", "--matter", "M-1", "--by", by);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("--by", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("out/exports/M-1")));
    }
}
