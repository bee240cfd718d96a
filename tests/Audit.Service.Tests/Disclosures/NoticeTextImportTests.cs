using Audit.Reports.Fonts;
using Audit.Rules;
using Audit.Service.Cli;
using Audit.Service.Tests.Cli;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Service.Disclosures;
using Audit.Service.Ingest;
using Audit.Service.Ingest.NoticeTexts;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Tests.Infrastructure;
using Audit.Service.Tests.Rules;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Audit.Service.Tests.Disclosures;

/// <summary>
/// Issue 24's acceptance on the demo organisation: the texts import as evidence (all or nothing, a replacement only when
/// asked, the old text kept), the security notice's wording is not specific, a Word file and a PDF holding one specific
/// text read alike, and a scan afterwards holds an R10 finding naming SEC-2024.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class NoticeTextImportTests : IAsyncLifetime
{
    /// <summary>The issue's specific text, paragraph by paragraph.</summary>
    public static readonly string[] SpecificText =
    [
        "Recordings of your screen, your keystrokes and your clicks are used to train AI models that automate routine tasks.",
        "You can opt out at any time from the tray icon, and your past sessions are deleted when you do.",
    ];

    private readonly ScanWorld _world = new();
    private NoticeTextImporter _texts = null!;

    public async Task InitializeAsync()
    {
        var audit = new AuditLog(_world.Database);
        _texts = new NoticeTextImporter(_world.Database, audit);
        await new DemoSeeder(new Migrator(_world.Database), _world.Importer, new LineageIngestor(_world.Database, audit), _texts)
            .SeedAsync(Path.Combine(_world.Folder, "demo"), new DemoOptions(Workers: 200, Seed: 42));
        await _world.SeedExposureTableAsync();
    }

    public Task DisposeAsync()
    {
        _world.Dispose();
        return Task.CompletedTask;
    }

    private Task<List<(long Id, string NoticeId, string Sha256, string? SupersededAt)>> Texts() =>
        _world.QueryAsync<(long, string, string, string?)>("SELECT NoticeTextId, NoticeId, Sha256, SupersededAt FROM NoticeText ORDER BY NoticeTextId");

    private DisclosureService Disclosures() => new(_world.Database, Options.Create(new Configuration.AuditOptions()));

    private string Folder(string name)
    {
        var folder = Path.Combine(_world.Folder, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task TheSecurityNotice_IsNotSpecific_AndAProblemQuotesItsSentence()
    {
        var review = await Disclosures().ReviewAsync("SEC-2024", new DateOnly(2026, 10, 31));

        var notice = Assert.Single(review.Notices);
        Assert.NotEqual("specific", notice.AiTraining);
        Assert.Contains(notice.Problems, p => p.Quote == "Company devices are monitored for security and compliance purposes." && p.Paragraph is not null);
    }

    [Fact]
    public async Task AScanAfterTheImport_HoldsAnR10FindingNamingSec2024()
    {
        var result = await _world.Scanner().ScanAsync(new DateOnly(2026, 10, 31));

        var finding = Assert.Single(result.Findings, f => f.Finding.Rule == RuleCode.R10 && f.Finding.SubjectKey == "SEC-2024").Finding;
        Assert.True(finding.Batches > 0);
        Assert.Contains("Company devices are monitored for security and compliance purposes.", finding.EvidenceJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWordFileAndAPdfOfOneSpecificText_ReadAlike()
    {
        var folder = Folder("specific");
        WriteDocx(Path.Combine(folder, "SEC-2024.docx"), SpecificText);
        WritePdf(Path.Combine(folder, "SEC-2026-08.pdf"), SpecificText);

        var imported = await _texts.ImportAsync(folder, replace: true);
        var review = await Disclosures().ReviewAsync(asOf: new DateOnly(2026, 10, 31));

        Assert.Equal(["replaced", "replaced"], imported.Select(i => i.Outcome));
        var docx = review.Notices.Single(n => n.NoticeId == "SEC-2024");
        var pdf = review.Notices.Single(n => n.NoticeId == "SEC-2026-08");
        Assert.Equal(("specific", "described"), (docx.AiTraining, docx.OptOut));
        Assert.Equal((docx.AiTraining, docx.OptOut, docx.Consent, docx.ClaimsPastData), (pdf.AiTraining, pdf.OptOut, pdf.Consent, pdf.ClaimsPastData));
        Assert.Equal(docx.Capabilities, pdf.Capabilities);
        Assert.Equal(["keystrokes", "click_coordinates", "screenshots"], docx.Capabilities);
    }

    [Fact]
    public async Task AWordFileThatIsNotAZip_IsRefusedByName_AndNothingIsWritten()
    {
        var folder = Folder("broken");
        await File.WriteAllTextAsync(Path.Combine(folder, "FLOW-2025.txt"), "Aggregate activity levels are measured.");
        await File.WriteAllTextAsync(Path.Combine(folder, "SEC-2024.docx"), "this is not a zip package");
        var before = await Texts();

        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => _texts.ImportAsync(folder, replace: true));

        Assert.Contains("SEC-2024.docx: is not a Word document (.docx)", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Texts());
    }

    [Fact]
    public async Task AWordFileThatUnpacksToGigabytes_IsRefusedUnread()
    {
        var folder = Folder("bomb");
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(folder, "SEC-2024.docx"), System.IO.Compression.ZipArchiveMode.Create))
        {
            // 300 MB of zeros compresses to well under a megabyte.
            using var entry = zip.CreateEntry("word/document.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                entry.Write(zeros);
            }
        }

        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => _texts.ImportAsync(folder, replace: true));

        Assert.Contains("SEC-2024.docx: unpacks to 314,572,800 bytes", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLine_ExitsTwoForTheBrokenWordFile()
    {
        var folder = Folder("cli");
        await File.WriteAllTextAsync(Path.Combine(folder, "SEC-2024.docx"), "PK? no");
        var run = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(_world.Folder, "audit.db")};Pooling=False" },
            "import", "notice-texts", folder);

        Assert.Equal(ExitCodes.ImportRejected, run.ExitCode);
        Assert.Contains("SEC-2024.docx: is not a Word document", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADifferentText_IsRefusedWithoutReplace_AndAReplacementKeepsTheOldText()
    {
        var folder = Folder("again");
        await File.WriteAllTextAsync(Path.Combine(folder, "SEC-2024.txt"), string.Join("\n\n", SpecificText));

        var refused = await Assert.ThrowsAsync<ImportRejectedException>(() => _texts.ImportAsync(folder, replace: false));
        Assert.Contains("pass --replace", refused.Message, StringComparison.Ordinal);

        await _texts.ImportAsync(folder, replace: true);
        var history = await _world.QueryAsync<(string File, long Current)>("SELECT FileName, SupersededAt IS NULL FROM NoticeText WHERE NoticeId = 'SEC-2024' ORDER BY NoticeTextId");
        Assert.Equal([("SEC-2024.md", 0L), ("SEC-2024.txt", 1L)], history);

        var same = await _texts.ImportAsync(folder, replace: false);
        Assert.Equal("unchanged", Assert.Single(same).Outcome);
    }

    [Fact]
    public async Task TextsAreEvidence_TheDatabaseRefusesToRewriteThem()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _world.ExecuteAsync("UPDATE NoticeParagraph SET Text = 'rewritten'"));
        await Assert.ThrowsAnyAsync<Exception>(() => _world.ExecuteAsync("UPDATE NoticeText SET Sha256 = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => _world.ExecuteAsync("UPDATE NoticeText SET SupersededAt = NULL"));
    }

    [Theory]
    [InlineData("NO-SUCH.md", "no notice 'NO-SUCH'")]
    [InlineData("sec-2024.md", "differs only by case from the notice 'SEC-2024'")]
    [InlineData("SEC-2024.rtf", "not a notice format")]
    public async Task AFileThatNamesNoNotice_OrHasAnUnknownFormat_IsRefusedByName(string file, string problem)
    {
        var folder = Folder("named-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(Path.Combine(folder, file), "Company devices are monitored.");

        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => _texts.ImportAsync(folder, replace: true));

        Assert.Contains($"{file}: ", rejected.Message, StringComparison.Ordinal);
        Assert.Contains(problem, rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APdfWithoutATextLayer_IsRefusedWithThatReason()
    {
        var folder = Folder("scan");
        ReportFonts.EnsureInstalled();
        using (var document = new PdfDocument())
        {
            var page = document.AddPage();
            using (var gfx = XGraphics.FromPdfPage(page))
            {
                gfx.DrawRectangle(XBrushes.Gray, 50, 50, 300, 200);
            }

            document.Save(Path.Combine(folder, "SEC-2024.pdf"));
        }

        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => _texts.ImportAsync(folder, replace: true));

        Assert.Contains("SEC-2024.pdf: is a PDF without a text layer", rejected.Message, StringComparison.Ordinal);
    }

    internal static void WriteDocx(string path, IEnumerable<string> paragraphs)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
        main.Document.Save();
    }

    internal static void WritePdf(string path, IEnumerable<string> paragraphs)
    {
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var font = new XFont(ReportFontResolver.FamilyName, 11);
            var y = 60.0;
            foreach (var paragraph in paragraphs)
            {
                // Wrapped by hand at about 70 characters, as a word processor would, with a blank line between paragraphs.
                var line = string.Empty;
                foreach (var word in paragraph.Split(' '))
                {
                    if (line.Length + word.Length > 70)
                    {
                        gfx.DrawString(line, font, XBrushes.Black, 50, y);
                        y += 14;
                        line = string.Empty;
                    }

                    line = line.Length == 0 ? word : line + " " + word;
                }

                gfx.DrawString(line, font, XBrushes.Black, 50, y);
                y += 30;
            }
        }

        document.Save(path);
    }
}
