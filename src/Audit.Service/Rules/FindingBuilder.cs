using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Reports.Models;

namespace Audit.Service.Rules;

/// <summary>
/// Collects one finding while the scan runs: the affected workers (with where they were at capture time,
/// which the exposure model needs), batch counts and time span, and the evidence that decided it.
/// </summary>
public sealed class FindingBuilder
{
    private readonly Dictionary<int, WorkerHit> _workers = [];
    private readonly SortedDictionary<string, JsonNode?> _evidence = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _counters = new(StringComparer.Ordinal);

    public FindingBuilder(RuleCode rule, string subjectKind, string subjectKey, Severity severity, string title)
    {
        Rule = rule;
        SubjectKind = subjectKind;
        SubjectKey = subjectKey;
        Severity = severity;
        Title = title;
    }

    public RuleCode Rule { get; }

    public string SubjectKind { get; }

    public string SubjectKey { get; }

    public Severity Severity { get; private set; }

    public string Title { get; set; }

    public long Batches { get; private set; }

    public long ActiveMinutes { get; private set; }

    public DateTime? FirstSeen { get; private set; }

    public DateTime? LastSeen { get; private set; }

    public IReadOnlyDictionary<int, WorkerHit> Workers => _workers;

    /// <summary>Figures later stages compute with, typed; evidence is for people to read.</summary>
    public FindingFigures Figures { get; } = new();

    public void AddBatch(BatchFacts batch, decimal quantity = 0)
    {
        Batches++;
        ActiveMinutes += batch.ActiveMinutes;
        See(batch.CapturedFrom, batch.CapturedTo);
        AddWorker(batch.Worker, batch.Location, quantity);
    }

    public void AddWorker(WorkerInfo worker, LocationSpan? location, decimal quantity = 0)
    {
        ref var hit = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_workers, worker.Index, out _);
        hit = hit.With(location?.Code, location?.Country, quantity);
    }

    public void See(DateTime from, DateTime to)
    {
        if (FirstSeen is null || from < FirstSeen)
        {
            FirstSeen = from;
        }

        if (LastSeen is null || to > LastSeen)
        {
            LastSeen = to;
        }
    }

    /// <summary>Raises the severity; never lowers it.</summary>
    public void Escalate(Severity severity)
    {
        if (severity < Severity)
        {
            Severity = severity;
        }
    }

    public void Count(string what, long by = 1) => _counters[what] = _counters.GetValueOrDefault(what) + by;

    public void Evidence(string key, JsonNode? value) => _evidence[key] = value;

    public void Evidence(string key, string? value) => _evidence[key] = value is null ? null : JsonValue.Create(value);

    public void EvidenceOnce(string key, Func<JsonNode?> value)
    {
        if (!_evidence.ContainsKey(key))
        {
            _evidence[key] = value();
        }
    }

    /// <summary>The config a config-level finding is about: its key, tool and declared purposes.</summary>
    public void EvidenceOfConfig(ConfigInfo config, ScanSnapshot snapshot)
    {
        Evidence("config", config.Key);
        Evidence("tool", snapshot.ToolName(config.ToolId));
        Evidence("declaredPurposes", Domain.Codes.ToCodeSet(config.Purposes));
    }

    /// <summary>Raises to Critical when the batch's data reaches a commercial model.</summary>
    public void EscalateIfCommercial(BatchFacts batch)
    {
        if (batch.Commercial is not null)
        {
            Escalate(Severity.Critical);
        }
    }

    public string Key => $"{Rule}:{SubjectKind}:{SubjectKey}";

    /// <summary>Evidence as stable JSON: keys sorted, counters included, so two scans of the same data write the same text.</summary>
    public string EvidenceJson()
    {
        var root = new JsonObject();
        foreach (var (key, value) in _evidence)
        {
            root[key] = value?.DeepClone();
        }

        if (_counters.Count > 0)
        {
            var counts = new JsonObject();
            foreach (var (key, value) in _counters)
            {
                counts[key] = value;
            }

            root["counts"] = counts;
        }

        if (Batches > 0)
        {
            root["batches"] = Batches;
            root["activeHours"] = Math.Round(ActiveMinutes / 60m, 1);
        }

        return root.ToJsonString(EvidenceJsonOptions);
    }

    private static readonly JsonSerializerOptions EvidenceJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Where an affected worker was when the offending data was captured (two places at most: relocations), and a rule-specific quantity.</summary>
public readonly record struct WorkerHit(string? Location1, string? Location2, string? Country1, string? Country2, decimal Quantity)
{
    public WorkerHit With(string? location, string? country, decimal quantity)
    {
        var hit = this with { Quantity = Quantity + quantity };
        if (location is null || location == Location1 || location == Location2)
        {
            return hit;
        }

        return Location1 is null ? hit with { Location1 = location, Country1 = country } : Location2 is null ? hit with { Location2 = location, Country2 = country } : hit;
    }

    public IEnumerable<(string Code, string Country)> Locations()
    {
        if (Location1 is not null)
        {
            yield return (Location1, Country1!);
        }

        if (Location2 is not null)
        {
            yield return (Location2, Country2!);
        }
    }
}

/// <summary>The rule-specific figures the scan record stores as typed columns (null where a rule has none).</summary>
public sealed class FindingFigures
{
    /// <summary>R6: batches of workers in an exempt jurisdiction that reach training.</summary>
    public long? BatchesReachingTraining { get; set; }

    /// <summary>R7: contributors with an agreement for the program (for part of the time).</summary>
    public int? CompensatedContributors { get; set; }

    /// <summary>R7: active hours no agreement covers.</summary>
    public decimal? UncompensatedHours { get; set; }

    /// <summary>R7: the benchmark rate per hour the replacement value was priced at.</summary>
    public decimal? BenchmarkRate { get; set; }

    public decimal? ReplacementValueLow { get; set; }

    public decimal? ReplacementValueHigh { get; set; }

    /// <summary>R7: the commercial models the work reached, comma-separated.</summary>
    public string? CommercialModels { get; set; }
}
