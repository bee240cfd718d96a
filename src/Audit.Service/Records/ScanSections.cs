using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Audit.Reports.Models;
using Audit.Rules;
using Audit.Service.Configuration;

namespace Audit.Service.Records;

/// <summary>
/// The small report sections a scan stores beside its findings (ScanSection), as it saw them: the capture
/// inventory, the EU programme settings, the exposure assumptions, the lineage paths to training, what it read, and
/// where each finding's data was still held (<see cref="DataHeld"/>: null for a scan made before scans stored it).
/// A report of any period prints these, so a later import or a changed setting cannot rewrite an old report.
/// </summary>
public sealed record ScanSections(
    IReadOnlyList<InventoryRow> Inventory,
    EuSettings Eu,
    IReadOnlyList<ExposureAssumptionRow> Assumptions,
    IReadOnlyList<LineagePathRow> LineagePaths,
    IReadOnlyList<DataSourceRow> DataSources,
    IReadOnlyDictionary<string, IReadOnlyList<DataHolding>>? DataHeld)
{
    public const string InventoryName = "inventory";
    public const string EuName = "eu";
    public const string AssumptionsName = "assumptions";
    public const string LineagePathsName = "lineagePaths";
    public const string DataSourcesName = "dataSources";
    public const string DataHeldName = "dataHeld";

    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static IReadOnlyDictionary<string, string> Build(
        ScanSnapshot snapshot,
        LineageGraph graph,
        IReadOnlyDictionary<ConfigInfo, int> workersByConfig,
        long batchesRead,
        IReadOnlyList<ExposureTheory> theories,
        ExposureModel model,
        AuditOptions settings,
        IReadOnlyDictionary<string, IReadOnlyList<DataHolding>> dataHeld)
    {
        var sections = new ScanSections(
            BuildInventory(snapshot, workersByConfig),
            new EuSettings(
                settings.Jurisdictions.ExemptionSetNames().ToList(),
                snapshot.Programs.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new EuProgramRow(p.Name, p.EuExempt, !string.IsNullOrWhiteSpace(p.EuExemptionRationale))).ToList(),
                snapshot.WorkersByIndex.Count(w => w.Locations.Select(l => l.Country).Distinct(StringComparer.Ordinal).Skip(1).Any())),
            theories.Select(t => Assumption(t, model, settings)).ToList(),
            BuildLineagePaths(snapshot, graph).ToList(),
            BuildDataSources(snapshot, batchesRead, theories.Count),
            dataHeld);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [InventoryName] = JsonSerializer.Serialize(sections.Inventory, Json),
            [EuName] = JsonSerializer.Serialize(sections.Eu, Json),
            [AssumptionsName] = JsonSerializer.Serialize(sections.Assumptions, Json),
            [LineagePathsName] = JsonSerializer.Serialize(sections.LineagePaths, Json),
            [DataSourcesName] = JsonSerializer.Serialize(sections.DataSources, Json),
            [DataHeldName] = JsonSerializer.Serialize(dataHeld, Json),
        };
    }

    public static ScanSections Read(IReadOnlyDictionary<string, string> stored)
    {
        T Get<T>(string name) => stored.TryGetValue(name, out var json)
            ? JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"Scan section '{name}' is empty.")
            : throw new InvalidOperationException($"The scan has no '{name}' section: it was made before scans stored their report sections; scan that day again.");
        return new ScanSections(
            Get<List<InventoryRow>>(InventoryName),
            Get<EuSettings>(EuName),
            Get<List<ExposureAssumptionRow>>(AssumptionsName),
            Get<List<LineagePathRow>>(LineagePathsName),
            Get<List<DataSourceRow>>(DataSourcesName),
            stored.TryGetValue(DataHeldName, out var held)
                ? JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<DataHolding>>>(held, Json)
                : null);
    }

    private static List<InventoryRow> BuildInventory(ScanSnapshot snapshot, IReadOnlyDictionary<ConfigInfo, int> workersByConfig)
    {
        static IReadOnlyList<string> Split<T>(T set)
            where T : struct, Enum => Codes.Split(Codes.ToCodeSet(set)).ToList();
        return snapshot.Configs.Values.OrderBy(c => c.ToolId, StringComparer.Ordinal).ThenBy(c => c.EffectiveFrom)
            .Select(c => new InventoryRow(
                snapshot.ToolName(c.ToolId), c.Version, snapshot.ProgramOf(c)?.Name, Split(c.Capabilities), Split(c.Purposes),
                c.CountriesIncluded.Order(StringComparer.Ordinal).ToList(), c.CountriesExcluded.Order(StringComparer.Ordinal).ToList(),
                c.EffectiveFrom, c.EffectiveTo, workersByConfig.GetValueOrDefault(c), c.TrajectoryGrade))
            .ToList();
    }

    /// <summary>A cap is printed as the figures it comes to for this company's turnover, with the rule that produced them.</summary>
    private static ExposureAssumptionRow Assumption(ExposureTheory t, ExposureModel model, AuditOptions settings)
    {
        if (t.Unit != ExposureUnits.TurnoverCap)
        {
            return new ExposureAssumptionRow(t.TheoryId, t.Regime, t.Jurisdiction, t.TriggeringRules, t.Unit, t.LowAmount, t.HighAmount, t.Currency, t.Citation, t.Confidence, t.Note, t.Source);
        }

        var (low, high) = model.CapAmounts(t);
        var basis = string.Create(CultureInfo.InvariantCulture,
            $"For worldwide turnover of {settings.TurnoverCurrency} {settings.GlobalAnnualTurnover:N0}: low {(t.TurnoverShareLow ?? 0):P2} of turnover or {t.Currency} {t.LowAmount:N0}, high {(t.TurnoverShareHigh ?? 0):P1} or {t.Currency} {t.HighAmount:N0}, whichever is {(settings.IsSme && t.CapGroup == "EU AI Act" ? "lower" : "higher")}.");
        return new ExposureAssumptionRow(t.TheoryId, t.Regime, t.Jurisdiction, t.TriggeringRules, t.Unit,
            Math.Round(low, 0, MidpointRounding.AwayFromZero), Math.Round(high, 0, MidpointRounding.AwayFromZero), t.Currency, t.Citation, t.Confidence, $"{basis} {t.Note}", t.Source);
    }

    /// <summary>Every dataset that reaches training, with its earliest path to each sink.</summary>
    private static IEnumerable<LineagePathRow> BuildLineagePaths(ScanSnapshot snapshot, LineageGraph graph)
    {
        foreach (var origin in snapshot.Datasets.Values.Where(d => !d.IsTraining && graph.Training.ContainsKey(d.DatasetId)).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            foreach (var reach in graph.PathsToSinks(origin.DatasetId, d => d.IsTraining))
            {
                yield return new LineagePathRow(origin.Name, reach.Sink.Name, Codes.ToCode(reach.Sink.Kind), reach.Sink.IsCommercialModel,
                    graph.Describe(reach.Path, origin.DatasetId), new DateTimeOffset(reach.EarliestFrom, TimeSpan.Zero));
            }
        }
    }

    /// <summary>The rows the scan read as of its day (not today's table sizes, which a later import changes).</summary>
    private static List<DataSourceRow> BuildDataSources(ScanSnapshot snapshot, long batchesRead, int theories) =>
    [
        new("Worker", snapshot.Workers.Count),
        new("WorkerLocation", snapshot.WorkersByIndex.Sum(w => (long)w.Locations.Count)),
        new("Program", snapshot.Programs.Count),
        new("CaptureTool", snapshot.ToolNames.Count),
        new("CaptureConfig", snapshot.Configs.Count),
        new("Notice", snapshot.Notices.Count),
        new("Acknowledgement", snapshot.WorkersByIndex.Sum(w => (long)w.Acknowledgements.Count)),
        new("OptOut", snapshot.WorkersByIndex.Sum(w => (long)w.OptOuts.Count)),
        new("Dataset", snapshot.Datasets.Count),
        new("LineageEdge", snapshot.Edges.Count),
        new("CaptureBatch", batchesRead),
        new("CompensationAgreement", snapshot.WorkersByIndex.Sum(w => (long)w.Agreements.Count)),
        new("WorkforceEvent", snapshot.WorkforceEvents.Count),
        new("ExposureTheory", theories),
        new("DatasetPurge", snapshot.Purges.Values.Sum(p => (long)p.Count)),
    ];
}

/// <summary>The EU section's settings as the scan saw them: jurisdiction sets, programme exemptions, relocated workers.</summary>
public sealed record EuSettings(IReadOnlyList<string> JurisdictionSets, IReadOnlyList<EuProgramRow> Programs, int RelocatedWorkers);
