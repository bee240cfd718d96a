using System.Text.Json;

namespace Audit.Service.Tests.Cli;

/// <summary>
/// The data platform records a purge (`import dataset-purges`), and the next scan and the plan see it (issue 23, item 5),
/// on the demo organisation: the security-telemetry finding's data sits in the agent training set and the commercial
/// model trained on it.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class DatasetPurgeCommandTests : IDisposable
{
    private const string R1 = "R1:dataset:s3://northwind-capture/dlp/raw";
    private const string TrainingSet = "s3://northwind-ml/training/agent-trajectories";
    private const string Model = "s3://northwind-ml/models/agent-cua-1";
    private const string Header = "dataset_namespace,dataset_name,purged_on,reference,note";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False", ["Audit:OutputPath"] = _folder.File("out") }, args);

    private async Task<JsonElement> PlanAsync()
    {
        var run = await RunAsync("plan", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static JsonElement Finding(JsonElement plan, string id) =>
        plan.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("findingId").GetString() == id);

    private static Dictionary<string, JsonElement> Options(JsonElement finding) =>
        finding.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);

    private async Task<CliRun> RecordAsync(string fileName, params string[] rows)
    {
        var path = _folder.File(fileName);
        await File.WriteAllLinesAsync(path, [Header, .. rows]);
        return await RunAsync("import", "dataset-purges", path);
    }

    /// <summary>The demo, and the day of its newest scan: a purge recorded for that day is seen by a rescan of it.</summary>
    private async Task<string> DemoAsync()
    {
        Assert.Equal(0, (await RunAsync("demo", "--workers", "300")).ExitCode);
        return (await PlanAsync()).GetProperty("asOf").GetString()!;
    }

    [Fact]
    public async Task TheTrainingSetPurged_TheNextScanSaysSo_AndThePlanPricesOnlyTheModelLeft()
    {
        var day = await DemoAsync();
        var before = Finding(await PlanAsync(), R1);
        Assert.True(Options(before)["purge-retrain"].GetProperty("cost").GetProperty("low").GetDecimal() > 100_000m);

        var record = await RecordAsync("purges.csv", $"s3://northwind-ml,training/agent-trajectories,{day},DP-4411,every object under the prefix deleted");
        Assert.True(record.ExitCode == 0, record.ToString());
        var scan = await RunAsync("scan", "--as-of", day);
        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains($"Purges recorded by the as-of day: {TrainingSet} on {day}", scan.Out, StringComparison.Ordinal);
        Assert.Contains($"still held in {Model}", scan.Out, StringComparison.Ordinal);

        var after = Finding(await PlanAsync(), R1);
        var held = after.GetProperty("dataHeld").EnumerateArray().ToDictionary(h => h.GetProperty("dataset").GetString()!);
        Assert.False(held[TrainingSet].GetProperty("stillHeld").GetBoolean());
        Assert.Equal(day, held[TrainingSet].GetProperty("purgedOn").GetString());
        Assert.Equal("DP-4411", held[TrainingSet].GetProperty("purgeReference").GetString());
        Assert.True(held[Model].GetProperty("stillHeld").GetBoolean());

        // remedies.csv: purge-retrain is per_held_batch 0.5-2 and per_model 100000-1000000. No batch is left in a training
        // set, one model still holds them: retraining it is what is left to pay for.
        var purge = Options(after)["purge-retrain"].GetProperty("cost");
        Assert.Equal(100_000m, purge.GetProperty("low").GetDecimal());
        Assert.Equal(1_000_000m, purge.GetProperty("high").GetDecimal());
        Assert.True(Options(after).ContainsKey("delete-model"));

        // Past conduct stays.
        Assert.Equal(before.GetProperty("exposure").GetRawText(), after.GetProperty("exposure").GetRawText());

        // Counsel's purge scope says the same: nothing left in the training set, every batch still in the model.
        var export = await RunAsync("export", "purge-scope", "--matter", "M-1", "--finding", R1);
        Assert.True(export.ExitCode == 0, export.ToString());
        var folder = Assert.Single(Directory.GetDirectories(_folder.File("out/exports/M-1")));
        var lines = (await File.ReadAllLinesAsync(Path.Combine(folder, "datasets.csv"))).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',').ToList();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0]);
        string Cell(string dataset, string column) => rows[dataset][header.IndexOf(column)];
        Assert.Equal(day, Cell(TrainingSet, "purged_on"));
        Assert.Equal("0", Cell(TrainingSet, "batches_still_held"));
        Assert.Equal(string.Empty, Cell(Model, "purged_on"));
        Assert.Equal(Cell(Model, "batches"), Cell(Model, "batches_still_held"));
        Assert.DoesNotContain(TrainingSet, (await File.ReadAllLinesAsync(Path.Combine(folder, "batches.csv"))).Skip(1).Select(l => l.Split(',')[^1]));
    }

    [Fact]
    public async Task TheSetPurgedAndTheModelDeleted_NoPurgeIsOfferedAgain_AndTheBoardIsNotAskedForOne()
    {
        var day = await DemoAsync();

        var record = await RecordAsync("purges.csv", $"s3://northwind-ml,training/agent-trajectories,{day},DP-4411,", $"s3://northwind-ml,models/agent-cua-1,{day},DP-4412,model and checkpoints deleted");
        Assert.True(record.ExitCode == 0, record.ToString());
        Assert.Equal(0, (await RunAsync("scan", "--as-of", day)).ExitCode);

        var plan = await PlanAsync();
        var r1 = Finding(plan, R1);
        Assert.All(r1.GetProperty("dataHeld").EnumerateArray(), h => Assert.False(h.GetProperty("stillHeld").GetBoolean()));
        foreach (var finding in plan.GetProperty("findings").EnumerateArray())
        {
            Assert.DoesNotContain("purge-retrain", Options(finding).Keys);
            Assert.DoesNotContain("delete-model", Options(finding).Keys);
        }

        var text = await RunAsync("plan");
        Assert.Contains($"data held in: nothing any more; purged from {TrainingSet} on {day} (DP-4411); purged from {Model} on {day} (DP-4412)", text.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://northwind-ml,training/agent-trajectorie,2026-01-01,DP-1,", "purges.csv:3:dataset_name", "unknown dataset")]
    [InlineData("s3://northwind-ml,training/agent-trajectories,2999-01-01,DP-1,", "purges.csv:3:purged_on", "is after today")]
    [InlineData("s3://northwind-ml,training/agent-trajectories,2026-01-01,,", "purges.csv:3:reference", "a value is required")]
    public async Task ABadRow_IsRefusedNamingFileRowAndField_AndNothingIsRecorded(string row, string where, string what)
    {
        var day = await DemoAsync();

        var run = await RecordAsync("purges.csv", $"s3://northwind-ml,models/agent-cua-1,{day},DP-2,", row);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(where, run.Error, StringComparison.Ordinal);
        Assert.Contains(what, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("scan", "--as-of", day)).ExitCode);
        Assert.All(Finding(await PlanAsync(), R1).GetProperty("dataHeld").EnumerateArray(), h => Assert.True(h.GetProperty("stillHeld").GetBoolean()));
    }
}
