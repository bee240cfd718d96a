using Audit.Service.Reporting;

namespace Audit.Service.Tests.Reporting;

/// <summary>A report's PDF and workbook land together or not at all (issue 25, item 6), and a killed run's leftovers go.</summary>
public sealed class ReportFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Output => _folder.File("out");

    private string Report => Path.Combine(Output, "monthly", "2026-10");

    private static Action<Stream> Text(string text) => stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Write_BothFiles_LandInTheReportFolder_NothingLeftInStaging()
    {
        var paths = ReportFolder.Write(Output, Report, [("r.pdf", Text("pdf")), ("r.xlsx", Text("xlsx"))]);

        Assert.Equal([Path.Combine(Report, "r.pdf"), Path.Combine(Report, "r.xlsx")], paths);
        Assert.Equal("xlsx", File.ReadAllText(Path.Combine(Report, "r.xlsx")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Output, ReportFolder.StagingName)));
    }

    [Fact]
    public void Write_WorkbookFailsAfterThePdf_TheEarlierReportStandsWhole_NoNewPdfWithoutItsWorkbook()
    {
        ReportFolder.Write(Output, Report, [("r.pdf", Text("old pdf")), ("r.xlsx", Text("old xlsx"))]);

        Assert.Throws<InvalidOperationException>(() => ReportFolder.Write(Output, Report,
            [("r.pdf", Text("new pdf")), ("r.xlsx", _ => throw new InvalidOperationException("workbook failed"))]));

        Assert.Equal("old pdf", File.ReadAllText(Path.Combine(Report, "r.pdf")));
        Assert.Equal("old xlsx", File.ReadAllText(Path.Combine(Report, "r.xlsx")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Output, ReportFolder.StagingName)));
    }

    [Fact]
    public void Write_RemovesWhatAKilledRunLeft_ButNotWhatARunningOneIsWriting()
    {
        var staging = Path.Combine(Output, ReportFolder.StagingName);
        // A process id no process has (the kernel's limit is below it) stands for a run killed mid-render.
        var dead = Directory.CreateDirectory(Path.Combine(staging, "2026-09.2147483646.0123456789abcdef0123456789abcdef.partial"));
        File.WriteAllText(Path.Combine(dead.FullName, "r.pdf"), "half");
        var aside = Directory.CreateDirectory(Path.Combine(staging, "2026-08.2147483646.0123456789abcdef0123456789abcdef.old"));
        var running = Directory.CreateDirectory(Path.Combine(staging, $"2026-07.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.partial"));

        ReportFolder.Write(Output, Report, [("r.pdf", Text("pdf"))]);

        Assert.False(dead.Exists && Directory.Exists(dead.FullName));
        Assert.False(Directory.Exists(aside.FullName));
        Assert.True(Directory.Exists(running.FullName));
    }
}
