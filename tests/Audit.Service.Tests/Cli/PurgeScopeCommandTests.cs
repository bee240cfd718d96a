using System.Security.Cryptography;
using System.Text.Json;

namespace Audit.Service.Tests.Cli;

/// <summary>`audit export purge-scope` as counsel runs it (issue 23, item 5), on the demo organisation.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PurgeScopeCommandTests : IDisposable
{
    private const string R1 = "R1:dataset:s3://northwind-capture/dlp/raw";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False", ["Audit:OutputPath"] = _folder.File("out") }, args);

    private string[] ExportFolders() => Directory.Exists(_folder.File("out/exports/M-1")) ? Directory.GetDirectories(_folder.File("out/exports/M-1")) : [];

    [Fact]
    public async Task PurgeScope_OfTheSecurityTelemetryFinding_NamesTheTrainingSetAndTheModel_EveryBatchTheScanCounted_WithAManifest()
    {
        Assert.Equal(0, (await RunAsync("demo", "--workers", "300")).ExitCode);

        var run = await RunAsync("export", "purge-scope", "--matter", "M-1", "--finding", R1);

        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = Assert.Single(ExportFolders());
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")));
        var root = manifest.RootElement;
        var datasets = root.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("dataset").GetString()!);
        Assert.True(datasets.ContainsKey("s3://northwind-ml/models/agent-cua-1"), string.Join(", ", datasets.Keys));
        Assert.True(datasets.ContainsKey("s3://northwind-ml/training/agent-trajectories"));
        Assert.True(datasets["s3://northwind-ml/models/agent-cua-1"].GetProperty("commercial").GetBoolean());
        // The batches to delete are exactly the ones the scan counted for the finding.
        var finding = root.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal(finding.GetProperty("scanBatches").GetInt64(), root.GetProperty("batches").GetInt64());
        var batchLines = (await File.ReadAllLinesAsync(Path.Combine(folder, "batches.csv"))).Skip(1).ToList();
        Assert.Equal(root.GetProperty("batches").GetInt64(), batchLines.Count);
        Assert.Equal(batchLines.Count, batchLines.Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Count());
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, file.GetProperty("fileName").GetString()!));
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        Assert.Contains("models/agent-cua-1 (model, commercial)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("R1:dataset:nope", "no scan records a live finding 'R1:dataset:nope'")]
    [InlineData("R9:reduction-in-force:2026-05-20", "names no capture batches")]
    public async Task PurgeScope_FindingWithNothingToPurge_Exits64_WritingNothing(string finding, string message)
    {
        Assert.Equal(0, (await RunAsync("demo", "--workers", "300")).ExitCode);

        var run = await RunAsync("export", "purge-scope", "--matter", "M-1", "--finding", R1, "--finding", finding);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(ExportFolders());
    }

    [Theory]
    [InlineData("..", "is not a matter id")]
    [InlineData("a/b", "is not a matter id")]
    public async Task PurgeScope_BadMatter_Exits64(string matter, string message)
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var run = await RunAsync("export", "purge-scope", "--matter", matter, "--finding", R1);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeScope_NoFinding_Exits64()
    {
        var run = await RunAsync("export", "purge-scope", "--matter", "M-1");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("--finding", run.Error, StringComparison.Ordinal);
    }
}
