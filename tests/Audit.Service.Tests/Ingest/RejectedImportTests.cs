using System.Diagnostics;
using System.Text;
using Audit.Service.Ingest;
using static Audit.Service.Tests.Infrastructure.Given;

namespace Audit.Service.Tests.Ingest;

/// <summary>
/// A bad file is rejected whole: every problem located as file:row:column (row 1 is the header), and the
/// database exactly as it was. Each test starts from a database that already holds data, so a partial
/// write would show in the fingerprint.
/// </summary>
public sealed class RejectedImportTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public RejectedImportTests()
    {
        _db.WorkersAsync("W1").GetAwaiter().GetResult();
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Import_UnknownEnumValue_RejectsWholeFile()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader,
            "W2,Ben,employee,2021-01-01,,",
            "W3,Cy,intern,2021-01-01,,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("workers.csv", 3L, "employment_type"), (error.File, error.Row, error.Column));
        Assert.StartsWith("unknown value 'intern'; expected one of: employee, contractor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadDate_RejectsWholeFile()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader,
            "W2,Ben,employee,2021-01-01,,",
            "W3,Cy,employee,2021-02-30,,",
            "W4,Di,employee,01/03/2021,,");

        Assert.Equal(["workers.csv:3:hire_date", "workers.csv:4:hire_date"], Locations(ex));
        Assert.Equal("'2021-02-30' is not a date (yyyy-MM-dd)", ex.Errors[0].Message);
    }

    [Fact]
    public async Task Import_NoticeNamingNeitherToolNorProgram_RejectedWithRowAndColumn()
    {
        await _db.ToolAsync("rec");

        var ex = await RejectedCsvAsync(ImportSpecs.Notices, NoticesHeader,
            "N1,rec,,1,2026-01-01,security,,false,",
            "N2,,,1,2026-01-01,security,,false,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "tool_id"), (error.Row, error.Column));
        Assert.Contains("program_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ValidToBeforeValidFrom_RejectsWholeFile()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader,
            "W1,US,US-CA,2020-01-01,2026-05-31",
            "W1,IE,IE-D,2026-06-01,2026-05-01");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "valid_to"), (error.Row, error.Column));
        Assert.Equal("valid_to 2026-05-01 is before valid_from 2026-06-01", error.Message);
    }

    [Fact]
    public async Task Import_UnknownWorker_RejectsWholeFile()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader,
            "W1,US,US-CA,2020-01-01,",
            "W9,US,US-NY,2020-01-01,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "worker_id", "unknown worker 'W9'"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_UnknownDataset_RejectsWholeFile()
    {
        await _db.DatasetsAsync("raw");
        var ex = await RejectedCsvAsync(ImportSpecs.LineageEdges, EdgesHeader,
            "s3://cap,raw,s3://cap,raw,ml,self,copy,2026-01-01,2026-01-02",
            "s3://cap,raw,s3://ml,train,ml,curate,copy,2026-01-01,2026-01-02");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "target_name"), (error.Row, error.Column));
        Assert.StartsWith("unknown dataset 's3://ml' / 'train'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownCaptureConfig_RejectsWholeFile()
    {
        await _db.ConfigAsync("rec", "1.0");
        await _db.DatasetsAsync("raw");
        var ex = await RejectedCsvAsync(ImportSpecs.CaptureBatches, BatchesHeader,
            "B1,W1,rec,1.0,s3://cap,raw,2026-05-04,2026-05-05,60,100",
            "B2,W1,rec,9.9,s3://cap,raw,2026-05-04,2026-05-05,60,100");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "config_version", "unknown capture config 'rec' version '9.9'"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_TooManyAndTooFewColumns_RejectsWholeFile()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader,
            "W2,Ben,employee,2021-01-01,,",
            "W3,Cy,employee,2021-01-01,,,extra",
            "W4,Di,employee");

        Assert.Equal(["workers.csv:3:-", "workers.csv:4:-"], Locations(ex));
        Assert.Equal("has 7 columns; the header has 6", ex.Errors[0].Message);
        Assert.Equal("has 3 columns; the header has 6", ex.Errors[1].Message);
    }

    [Fact]
    public async Task Import_DuplicateKeyInFile_NamesTheFirstRow()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader,
            "W2,Ben,employee,2021-01-01,,",
            "W3,Cy,employee,2021-01-01,,",
            "W2,Ben again,employee,2021-01-01,,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((4L, "worker_id"), (error.Row, error.Column));
        Assert.Equal("duplicate key (W2) already on row 2", error.Message);
    }

    [Fact]
    public async Task Import_DuplicateCompositeKeyInFile_NamesTheFirstRow()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader,
            "W1,US,US-CA,2020-01-01,",
            "W1,US,US-NY,2020-01-01,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "valid_from", "duplicate key (W1, 2020-01-01) already on row 2"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_InvalidUtf8_RejectsWholeFile()
    {
        var head = Encoding.UTF8.GetBytes(WorkersHeader + "\nW2,Ben,employee,2021-01-01,,\nW3,");
        var tail = Encoding.UTF8.GetBytes(",employee,2021-01-01,,\n");
        var path = _db.Files.Bytes("workers.csv", [.. head, 0xC3, 0x28, 0xFF, .. tail]);

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3, "display_name"), (error.Row, error.Column));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OversizedRecord_RejectsWithItsRow()
    {
        var body = $"{WorkersHeader}\nW2,Ben,employee,2021-01-01,,\nW3,\"{new string('x', RecordSources.MaxRecordBytes * 2)}\",employee,2021-01-01,,\n";
        var path = _db.Files.Bytes("workers.csv", Encoding.UTF8.GetBytes(body));

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        var error = Assert.Single(ex.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OversizedFirstRecord_RejectsWithAMessageNotACrash()
    {
        var body = $"{WorkersHeader}\nW3,{new string('x', RecordSources.MaxRecordBytes * 2)},employee,2021-01-01,,\n";
        var path = _db.Files.Bytes("workers.csv", Encoding.UTF8.GetBytes(body));

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        var error = Assert.Single(ex.Errors);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_InvalidUtf8InThirdRow_ReportsThatRow()
    {
        var head = Encoding.UTF8.GetBytes(WorkersHeader + "\nW2,Ben,employee,2021-01-01,,\nW3,");
        var path = _db.Files.Bytes("workers.csv", [.. head, 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",employee,2021-01-01,,\n")]);

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        Assert.Equal(3, Assert.Single(ex.Errors).Row);
    }

    [Fact]
    public async Task Import_EmptyFile_Rejected()
    {
        var ex = await RejectedAsync(ImportSpecs.Workers, _db.Files.Text("workers.csv", string.Empty));

        Assert.Equal(["workers.csv:1:-"], Locations(ex));
        Assert.Equal("the file is empty: expected a header row", ex.Errors[0].Message);
    }

    [Fact]
    public async Task Import_HeaderOnly_Rejected()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader);

        Assert.Equal(["workers.csv:2:-"], Locations(ex));
        Assert.Equal("no records: the file has a header but no rows", ex.Errors[0].Message);
    }

    [Fact]
    public async Task Import_UnknownColumn_Rejected()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader + ",salary", "W2,Ben,employee,2021-01-01,,,100000");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((1L, "salary"), (error.Row, error.Column));
        Assert.StartsWith("unknown column; expected: worker_id, display_name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingRequiredColumn_Rejected()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, "worker_id,employment_type", "W2,employee");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((1L, "hire_date", "required column is missing"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_ExposureTheoryWithoutItsPrimarySourceOrVerifiedInTheFuture_RejectedAtThatRowAndField()
    {
        // Counsel's table must say where each figure comes from and when it was last checked; a check "made" on a day
        // to come would let the report vouch for it already.
        var ex = await RejectedCsvAsync(ImportSpecs.ExposureTheories, ExposureTheoriesHeader,
            "DE-705,19 Del. C. 705,US-DE,R2;R8,per_violation,100,100,,,USD,,2001-12-22,A,19 Del. C. 705,,,§ 705(c),2026-01-02,counsel",
            "CT-31-48D,Conn. 31-48d,US-CT,R2;R8,per_offense,500,3000,,,USD,,2000-01-01,B,Conn. Gen. Stat. 31-48d,,Conn. Gen. Stat.,§ 31-48d(c),2999-01-01,counsel");

        Assert.Equal(["exposure-theories.csv:2:primary_source", "exposure-theories.csv:3:verified_on"], Locations(ex));
        Assert.StartsWith("2999-01-01 is after today", ex.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SubdivisionNotAUsState_Rejected()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader, "W1,US,US-XX,2020-01-01,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((2L, "subdivision", "'US-XX' is not a US state, district or territory"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_SubdivisionOfAnotherCountry_Rejected()
    {
        var ex = await RejectedCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader, "W1,DE,FR-IDF,2020-01-01,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((2L, "subdivision", "subdivision 'FR-IDF' is not in country 'DE'"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_ScreenshotsWithoutInterval_Rejected()
    {
        await _db.ToolAsync("rec");
        var ex = await RejectedCsvAsync(ImportSpecs.CaptureConfigs, ConfigsHeader,
            "rec,1.0,,2026-01-01,,keystrokes,,security,,",
            "rec,1.1,,2026-02-01,,keystrokes;screenshots,,security,,");

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "screenshot_interval_seconds", "required when capabilities include screenshots"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task Import_JsonUnknownField_RejectedAtThatRecord()
    {
        var path = _db.Files.Text("workers.json", """
            [
              { "worker_id": "W2", "employment_type": "employee", "hire_date": "2021-01-01" },
              { "worker_id": "W3", "employment_type": "employee", "hire_date": "2021-01-01", "salary": 1 }
            ]
            """);

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        Assert.Equal(["workers.json:2:salary"], Locations(ex));
    }

    [Fact]
    public async Task Import_MalformedJson_RejectedWithTheLine()
    {
        var ex = await RejectedAsync(ImportSpecs.Workers, _db.Files.Text("workers.json", MalformedThirdRecord));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("-", error.Column);
        Assert.StartsWith("malformed JSON at line 4, byte 54:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MalformedThirdJsonRecord_ReportsRecordThree()
    {
        var ex = await RejectedAsync(ImportSpecs.Workers, _db.Files.Text("workers.json", MalformedThirdRecord));

        Assert.Equal(3, Assert.Single(ex.Errors).Row);
    }

    [Fact]
    public async Task Import_JsonFieldGivenTwice_RejectedAtThatRecordAndField()
    {
        var path = _db.Files.Text("workers.json", """
            [
              { "worker_id": "W2", "employment_type": "employee", "hire_date": "2021-01-01" },
              { "worker_id": "W3", "employment_type": "employee", "hire_date": "2021-01-01", "employment_type": "contractor" }
            ]
            """);

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        Assert.Equal(["workers.json:2:employment_type"], Locations(ex));
        Assert.Contains("given twice", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_JsonEmptyArray_RejectedAsNoRecords()
    {
        var ex = await RejectedAsync(ImportSpecs.Workers, _db.Files.Text("workers.json", "[]"));

        Assert.Equal("no records: the JSON array is empty; expected at least one object", Assert.Single(ex.Errors).Message);
    }

    private const string MalformedThirdRecord = """
        [
          { "worker_id": "W2", "employment_type": "employee", "hire_date": "2021-01-01" },
          { "worker_id": "W3", "employment_type": "employee", "hire_date": "2021-01-01" },
          { "worker_id": "W4", "employment_type": "employee" "hire_date": "2021-01-01" }
        ]
        """;

    [Fact]
    public async Task Import_ManyErrors_KeepsFiftyAndCountsAll()
    {
        // Every row has two bad fields: 120 rows, 240 errors, the first 50 kept in file order.
        var ex = await RejectedCsvAsync(ImportSpecs.Workers, WorkersHeader,
            [.. Enumerable.Range(1, 120).Select(i => $"X{i},Name,intern,someday,,")]);

        Assert.Equal(240, ex.Total);
        Assert.Equal(ImportErrorList.DefaultCap, ex.Errors.Count);
        Assert.Equal("workers.csv:26:hire_date", Locations(ex)[^1]);
        Assert.Contains("(240 errors; the first 50 are listed)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_LargeFileOfGarbage_RejectedQuicklyWithCappedErrors()
    {
        // 200,000 lines of random letters, digits, spaces and commas under a valid header.
        var random = new Random(20261125);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -:;,,,";
        var text = new StringBuilder(WorkersHeader + "\n", 12_000_000);
        for (var line = 0; line < 200_000; line++)
        {
            var length = random.Next(1, 60);
            for (var c = 0; c < length; c++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            text.Append('\n');
        }

        var path = _db.Files.Text("workers.csv", text.ToString());
        var clock = Stopwatch.StartNew();

        var ex = await RejectedAsync(ImportSpecs.Workers, path);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal(ImportErrorList.DefaultCap, ex.Errors.Count);
        Assert.True(ex.Total >= 200_000, $"total {ex.Total}");
        Assert.Contains($"({ex.Total} errors; the first 50 are listed)", ex.Message, StringComparison.Ordinal);
    }

    private Task<ImportRejectedException> RejectedCsvAsync(ImportSpec spec, string header, params string[] rows) =>
        RejectedAsync(spec, _db.Files.Csv($"{spec.Kind}.csv", header, rows));

    /// <summary>Imports a file that must be rejected and checks the database did not change.</summary>
    private async Task<ImportRejectedException> RejectedAsync(ImportSpec spec, string path)
    {
        var before = await _db.FingerprintAsync();
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _db.ImportAsync(spec, path));
        Assert.Equal(before, await _db.FingerprintAsync());
        Assert.Equal(Path.GetFileName(path), ex.FileName);
        return ex;
    }

    private static List<string> Locations(ImportRejectedException ex) => [.. ex.Errors.Select(e => $"{e.File}:{e.Row}:{e.Column}")];
}
