using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// Reads OpenLineage RunEvents, JobEvents and DatasetEvents (spec 2-0-2). The core fields (eventTime,
/// producer, schemaURL, run.runId, job, dataset names) must be right, and a wrong one refuses the event with
/// its field; facets are the producers' business: custom or malformed ones are kept in the payload and, where
/// we read them, ignored with a warning. Dataset kind may be declared by our custom dataset facet
/// <c>auditClassification</c> (<c>{"kind": "training_dataset", "commercial": false}</c>); the transform of an
/// edge comes from the standard <c>columnLineage</c> facet (<see cref="ColumnLineage"/>).
/// </summary>
public static class LineageEventParser
{
    public const string ClassificationFacet = "auditClassification";
    private const int MaxDepth = 64;
    private static readonly string[] EventTypes = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"];
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    public static LineageEvent Parse(string json) => Parse(Encoding.UTF8.GetBytes(json), json);

    /// <summary>Parses one event from its UTF-8 bytes; <paramref name="payload"/> is the same text if the caller has it.</summary>
    public static LineageEvent Parse(ReadOnlyMemory<byte> utf8, string? payload = null)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            throw InvalidUtf8(utf8.Span);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            throw JsonProblems.Find(utf8.Span, MaxDepth)
                  ?? new LineageFormatException("-", "not valid JSON: " + JsonProblems.Plain(ex.Message), (ex.LineNumber ?? 0) + 1);
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-8 surfaces here on some paths rather than as a JsonException.
            throw new LineageFormatException("-", "not valid UTF-8 JSON: " + ex.Message);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, utf8.Span, payload);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or (FormatException and not LineageFormatException))
            {
                // A shape this reader did not foresee is still the event's problem, never a server error.
                throw new LineageFormatException("-", "the event could not be read: " + ex.Message);
            }
        }
    }

    /// <summary>Where the first byte that is not UTF-8 is: its line, and its byte within that line.</summary>
    private static LineageFormatException InvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<char> scratch = stackalloc char[256];
        var offset = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(utf8[offset..], scratch, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }

        var line = utf8[..offset].Count((byte)'\n') + 1;
        var column = offset - (utf8[..offset].LastIndexOf((byte)'\n') + 1) + 1;
        return new LineageFormatException("-", $"not valid UTF-8 (byte {column} of the line); JSON must be sent as UTF-8", line);
    }

    private static LineageEvent Read(JsonElement ev, ReadOnlySpan<byte> utf8, string? payload)
    {
        if (ev.ValueKind != JsonValueKind.Object)
        {
            throw new LineageFormatException("-", "an OpenLineage event must be a JSON object");
        }

        var warnings = new List<string>();
        var eventTimeText = RequiredString(ev, "eventTime", "eventTime");
        if (!EventTime.TryParse(eventTimeText, out var time))
        {
            throw new LineageFormatException("eventTime", $"'{eventTimeText}' is not an RFC 3339 date-time (e.g. 2026-05-04T04:00:00Z)");
        }

        if (time.OffsetAssumed)
        {
            warnings.Add($"eventTime: '{eventTimeText}' has no offset; read as UTC");
        }

        var producer = RequiredString(ev, "producer", "producer");
        RequiredString(ev, "schemaURL", "schemaURL");
        var hash = Hash(ev);
        payload ??= Encoding.UTF8.GetString(utf8);

        if (ev.TryGetProperty("run", out var run))
        {
            if (run.ValueKind != JsonValueKind.Object)
            {
                throw new LineageFormatException("run", "must be an object");
            }

            var runId = RequiredString(run, "runId", "run.runId");
            if (!IsUuid(runId))
            {
                throw new LineageFormatException("run.runId", $"'{runId}' is not a UUID (8-4-4-4-12 hexadecimal digits, e.g. 41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7)");
            }

            var eventType = OptionalString(ev, "eventType", "eventType") ?? "OTHER";
            if (!EventTypes.Contains(eventType, StringComparer.Ordinal))
            {
                throw new LineageFormatException("eventType", $"'{eventType}' is not one of {string.Join(", ", EventTypes)}");
            }

            var (jobNamespace, jobName) = Job(ev);
            var (inputs, outputs, transforms) = Datasets(ev, warnings);
            return new LineageEvent(hash, LineageEventKind.Run, eventType, time, runId.ToLowerInvariant(), jobNamespace, jobName, producer, inputs, outputs, transforms, warnings, payload);
        }

        if (ev.TryGetProperty("job", out _))
        {
            // A JobEvent (design-time lineage of a job). It has no eventType of its own; one sent anyway is
            // the producer's extra field and changes nothing.
            var (jobNamespace, jobName) = Job(ev);
            var (inputs, outputs, transforms) = Datasets(ev, warnings);
            return new LineageEvent(hash, LineageEventKind.Job, "JOB", time, null, jobNamespace, jobName, producer, inputs, outputs, transforms, warnings, payload);
        }

        if (ev.TryGetProperty("dataset", out var dataset))
        {
            if (dataset.ValueKind != JsonValueKind.Object)
            {
                throw new LineageFormatException("dataset", "must be an object");
            }

            var only = ReadDataset(dataset, "dataset", warnings);
            return new LineageEvent(hash, LineageEventKind.Dataset, "DATASET", time, null, string.Empty, string.Empty, producer, [only], [], [], warnings, payload);
        }

        throw new LineageFormatException("job", "required (or 'dataset' for a DatasetEvent)");
    }

    private static (string Namespace, string Name) Job(JsonElement ev)
    {
        var job = ev.GetProperty("job");
        if (job.ValueKind != JsonValueKind.Object)
        {
            throw new LineageFormatException("job", "must be an object");
        }

        return (RequiredString(job, "namespace", "job.namespace"), RequiredString(job, "name", "job.name"));
    }

    private static (List<LineageDataset> Inputs, List<LineageDataset> Outputs, List<ColumnTransform> Transforms) Datasets(JsonElement ev, List<string> warnings)
    {
        var inputs = ReadDatasets(ev, "inputs", warnings);
        var outputs = ReadDatasets(ev, "outputs", warnings);
        var transforms = new List<ColumnTransform>();
        if (ev.TryGetProperty("outputs", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var output in array.EnumerateArray())
            {
                ColumnLineage.Read(output, outputs[i], $"outputs[{i}].facets.columnLineage", transforms, warnings);
                i++;
            }
        }

        return (inputs, outputs, transforms);
    }

    private static List<LineageDataset> ReadDatasets(JsonElement ev, string property, List<string> warnings)
    {
        if (!ev.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new LineageFormatException(property, "must be an array");
        }

        var list = new List<LineageDataset>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{property}[{i++}]";
            list.Add(item.ValueKind == JsonValueKind.Object ? ReadDataset(item, path, warnings) : throw new LineageFormatException(path, "must be an object"));
        }

        return list;
    }

    private static LineageDataset ReadDataset(JsonElement dataset, string path, List<string> warnings)
    {
        var ns = RequiredString(dataset, "namespace", $"{path}.namespace");
        var name = RequiredString(dataset, "name", $"{path}.name");
        string? facetsJson = null;
        DatasetClassification? classification = null;
        if (dataset.TryGetProperty("facets", out var facets) && facets.ValueKind != JsonValueKind.Null)
        {
            facetsJson = facets.GetRawText();
            if (facets.ValueKind == JsonValueKind.Object && facets.TryGetProperty(ClassificationFacet, out var facet))
            {
                classification = ReadClassification(facet, $"{path}.facets.{ClassificationFacet}", warnings);
            }
        }

        return new LineageDataset(ns, name, classification, facetsJson);
    }

    /// <summary>Our own facet; a wrong value is ignored (the dataset keeps what it was) and reported, never guessed.</summary>
    private static DatasetClassification? ReadClassification(JsonElement facet, string path, List<string> warnings)
    {
        if (facet.ValueKind != JsonValueKind.Object)
        {
            warnings.Add($"{path}: not an object; ignored");
            return null;
        }

        DatasetKind? kind = null;
        bool? commercial = null;
        if (facet.TryGetProperty("kind", out var k) && k.ValueKind != JsonValueKind.Null)
        {
            if (k.ValueKind == JsonValueKind.String && Codes.TryParse<DatasetKind>(k.GetString()!, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                warnings.Add($"{path}.kind: {k.GetRawText()} is not one of {string.Join(", ", Codes.All<DatasetKind>())}; ignored");
            }
        }

        if (facet.TryGetProperty("commercial", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                commercial = c.GetBoolean();
            }
            else
            {
                warnings.Add($"{path}.commercial: {c.GetRawText()} is not true or false; ignored");
            }
        }

        return kind is null && commercial is null ? null : new DatasetClassification(kind, commercial);
    }

    /// <summary>RFC 4122 text form only: 36 characters, hyphens at 8-13-18-23, no braces, no padding.</summary>
    public static bool IsUuid(string text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var hyphen = i is 8 or 13 or 18 or 23;
            if (hyphen ? text[i] != '-' : !char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string RequiredString(JsonElement obj, string property, string path)
    {
        var value = OptionalString(obj, property, path);
        return string.IsNullOrWhiteSpace(value) ? throw new LineageFormatException(path, "required") : value;
    }

    private static string? OptionalString(JsonElement obj, string property, string path)
    {
        if (!obj.TryGetProperty(property, out var node) || node.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return node.ValueKind == JsonValueKind.String ? node.GetString() : throw new LineageFormatException(path, "must be a string");
    }

    /// <summary>The same event sent twice, however it was formatted, hashes the same.</summary>
    private static string Hash(JsonElement ev)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ev.WriteTo(writer);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
