using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Service.Domain;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// Reads OpenLineage RunEvents, JobEvents and DatasetEvents (spec 2-0-2) and says exactly what is wrong with
/// a malformed one. Dataset kind may be declared by a custom dataset facet <c>auditClassification</c>
/// (<c>{"kind": "training_dataset", "commercial": false}</c>); the transform of an edge is read from the
/// standard <c>columnLineage</c> facet (masking → anonymize, AGGREGATION → aggregate, and so on).
/// </summary>
public static class LineageEventParser
{
    public const string ClassificationFacet = "auditClassification";
    private static readonly string[] EventTypes = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"];

    public static LineageEvent Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON: {ex.Message.Split(" Path:")[0]}");
        }

        if (root is not JsonObject ev)
        {
            throw new FormatException("an OpenLineage event must be a JSON object");
        }

        var eventTime = RequiredString(ev, "eventTime");
        if (!FieldSpec.TryParseTimestamp(eventTime, out var time) || !eventTime.Contains('T', StringComparison.Ordinal))
        {
            throw new FormatException($"eventTime: '{eventTime}' is not an RFC 3339 date-time with an offset (e.g. 2026-05-04T04:00:00Z)");
        }

        var producer = RequiredString(ev, "producer");
        RequiredString(ev, "schemaURL");
        var eventType = OptionalString(ev, "eventType") ?? "OTHER";
        if (!EventTypes.Contains(eventType, StringComparer.Ordinal))
        {
            throw new FormatException($"eventType: '{eventType}' is not one of {string.Join(", ", EventTypes)}");
        }

        string? runId = null;
        if (ev["run"] is JsonNode runNode)
        {
            var run = runNode as JsonObject ?? throw new FormatException("run: must be an object");
            runId = RequiredString(run, "runId", "run.runId");
            if (!Guid.TryParse(runId, out _))
            {
                throw new FormatException($"run.runId: '{runId}' is not a UUID");
            }
        }

        string jobNamespace;
        string jobName;
        if (ev["job"] is JsonNode jobNode)
        {
            var job = jobNode as JsonObject ?? throw new FormatException("job: must be an object");
            jobNamespace = RequiredString(job, "namespace", "job.namespace");
            jobName = RequiredString(job, "name", "job.name");
        }
        else if (ev["dataset"] is JsonObject dataset)
        {
            // A DatasetEvent: it describes a dataset, with no job and no edges.
            var only = ReadDataset(dataset, "dataset");
            return new LineageEvent(Hash(ev), "DATASET", time, null, string.Empty, string.Empty, producer, [only], [],
                new Dictionary<(string, string, string, string), TransformKind>(), json);
        }
        else
        {
            throw new FormatException("job: required (or 'dataset' for a DatasetEvent)");
        }

        if (runId is null && ev.ContainsKey("eventType"))
        {
            throw new FormatException("run: required for a RunEvent");
        }

        var inputs = ReadDatasets(ev, "inputs");
        var outputs = ReadDatasets(ev, "outputs");
        Dictionary<(string, string, string, string), TransformKind> transforms;
        try
        {
            transforms = ReadTransforms(ev, outputs);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // The columnLineage facet is optional, but a malformed one is a malformed event.
            throw new FormatException($"outputs[].facets.columnLineage: malformed ({ex.Message})", ex);
        }
        return new LineageEvent(Hash(ev), eventType, time, runId, jobNamespace, jobName, producer, inputs, outputs, transforms, json);
    }

    private static List<LineageDataset> ReadDatasets(JsonObject ev, string property)
    {
        if (ev[property] is null)
        {
            return [];
        }

        if (ev[property] is not JsonArray array)
        {
            throw new FormatException($"{property}: must be an array");
        }

        var list = new List<LineageDataset>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{property}[{i}]";
            list.Add(ReadDataset(array[i] as JsonObject ?? throw new FormatException($"{path}: must be an object"), path));
        }

        return list;
    }

    private static LineageDataset ReadDataset(JsonObject dataset, string path)
    {
        var ns = RequiredString(dataset, "namespace", $"{path}.namespace");
        var name = RequiredString(dataset, "name", $"{path}.name");
        DatasetKind? kind = null;
        bool? commercial = null;
        var facets = dataset["facets"] as JsonObject;
        if (facets?[ClassificationFacet] is JsonObject classification)
        {
            var kindCode = OptionalString(classification, "kind", $"{path}.facets.{ClassificationFacet}.kind");
            if (kindCode is not null)
            {
                kind = Codes.TryParse<DatasetKind>(kindCode, out var k)
                    ? k
                    : throw new FormatException($"{path}.facets.{ClassificationFacet}.kind: unknown value '{kindCode}'; expected one of: {string.Join(", ", Codes.All<DatasetKind>())}");
            }

            if (classification["commercial"] is JsonValue c && c.TryGetValue<bool>(out var flag))
            {
                commercial = flag;
            }
        }

        return new LineageDataset(ns, name, kind, commercial, facets?.ToJsonString());
    }

    /// <summary>Derives the transform per (input, output) pair from the output's columnLineage facet.</summary>
    private static Dictionary<(string, string, string, string), TransformKind> ReadTransforms(JsonObject ev, List<LineageDataset> outputs)
    {
        var result = new Dictionary<(string, string, string, string), TransformKind>();
        if (ev["outputs"] is not JsonArray array)
        {
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i]?["facets"]?["columnLineage"]?["fields"] is not JsonObject fields)
            {
                continue;
            }

            var seen = new Dictionary<(string, string), List<JsonObject>>();
            foreach (var (_, field) in fields)
            {
                if (field?["inputFields"] is not JsonArray inputFields)
                {
                    continue;
                }

                foreach (var input in inputFields.OfType<JsonObject>())
                {
                    var key = (input["namespace"]?.GetValue<string>() ?? string.Empty, input["name"]?.GetValue<string>() ?? string.Empty);
                    if (!seen.TryGetValue(key, out var list))
                    {
                        seen[key] = list = [];
                    }

                    list.AddRange((input["transformations"] as JsonArray)?.OfType<JsonObject>() ?? []);
                }
            }

            foreach (var ((ns, name), transformations) in seen)
            {
                result[(ns, name, outputs[i].Namespace, outputs[i].Name)] = Classify(transformations);
            }
        }

        return result;
    }

    private static TransformKind Classify(List<JsonObject> transformations)
    {
        bool Has(Func<JsonObject, bool> test) => transformations.Any(test);
        string? Text(JsonObject t, string name) => t[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        if (Has(t => t["masking"] is JsonValue m && m.TryGetValue<bool>(out var masked) && masked))
        {
            return TransformKind.Anonymize;
        }

        if (Has(t => Text(t, "subtype") == "AGGREGATION"))
        {
            return TransformKind.Aggregate;
        }

        if (Has(t => Text(t, "type") == "DIRECT" && Text(t, "subtype") == "TRANSFORMATION"))
        {
            return TransformKind.Transform;
        }

        if (Has(t => Text(t, "subtype") == "FILTER"))
        {
            return TransformKind.Filter;
        }

        return transformations.Count > 0 ? TransformKind.Copy : TransformKind.Unknown;
    }

    private static string RequiredString(JsonObject obj, string property, string? path = null)
    {
        var value = OptionalString(obj, property, path);
        return string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{path ?? property}: required") : value;
    }

    private static string? OptionalString(JsonObject obj, string property, string? path = null)
    {
        var node = obj[property];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new FormatException($"{path ?? property}: must be a string");
    }

    /// <summary>The same event sent twice, however it was formatted, hashes the same.</summary>
    private static string Hash(JsonNode ev) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ev.ToJsonString())));
}
