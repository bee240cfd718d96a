using System.Globalization;
using System.Text.Json;

namespace Audit.Service.Guard;

/// <summary>A dataset or job as OpenLineage names it: a namespace and a name.</summary>
public sealed record LineageName(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>An output the job would write, with the kind it declares (null: the guard infers it from the purpose).</summary>
public sealed record ProposedOutput(LineageName Dataset, DatasetKind? Kind);

/// <summary>
/// What a pipeline asks before it runs: this job would read these inputs and write these outputs for this purpose, at
/// this instant. Purposes are the notices' words (security, compliance, productivity, ai_training).
/// </summary>
public sealed record ProposedFlow(LineageName Job, IReadOnlyList<LineageName> Inputs, IReadOnlyList<ProposedOutput> Outputs, Purpose Purpose, DateTime At)
{
    public bool ForTraining => Purpose == Purpose.AiTraining;
}

/// <summary>A request that cannot be decided: the JSON field (or CLI option) at fault and what it must be.</summary>
public sealed class FlowRequestException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
}

/// <summary>
/// Reads the decision request (<c>POST /api/v1/guard/decisions</c>'s body, and what <c>guard check</c> builds from its
/// options) strictly: every field named in an error, unknown fields refused (a misspelt "outputs" must not read as a
/// job that writes nothing), and no instant after now (a decision judges what is known).
/// </summary>
public static class FlowRequest
{
    public const int MaxDatasets = 200;
    public const int MaxNameLength = 1024;

    /// <summary>The notices' purposes, and "analytics", the word pipelines use for productivity analytics.</summary>
    public static readonly IReadOnlyDictionary<string, Purpose> Purposes = new Dictionary<string, Purpose>(StringComparer.Ordinal)
    {
        ["security"] = Purpose.Security,
        ["compliance"] = Purpose.Compliance,
        ["productivity"] = Purpose.Productivity,
        ["analytics"] = Purpose.Productivity,
        ["ai_training"] = Purpose.AiTraining,
    };

    /// <summary>A run whose events declare no purpose (the audit_purpose job facet): judged by where its outputs lead.</summary>
    public const string Undeclared = "undeclared";

    private static readonly string[] TopLevel = ["job", "inputs", "outputs", "purpose", "asOf"];

    /// <exception cref="FlowRequestException">The body is not a flow this guard can decide.</exception>
    public static ProposedFlow Parse(JsonElement body, DateTime now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new FlowRequestException("$", "the body must be a JSON object with job, inputs, outputs and purpose.");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!TopLevel.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FlowRequestException(property.Name, $"not a field of a decision request (fields: {string.Join(", ", TopLevel)}).");
            }
        }

        var job = Name(Required(body, "job", JsonValueKind.Object), "job", ["namespace", "name"]);
        var inputs = List(body, "inputs").Select((e, i) => Name(e, $"inputs[{i}]", ["namespace", "name"])).ToList();
        var outputs = List(body, "outputs").Select((e, i) => Output(e, $"outputs[{i}]")).ToList();
        var purposeCode = Required(body, "purpose", JsonValueKind.String).GetString()!;
        if (!Purposes.TryGetValue(purposeCode, out var purpose))
        {
            throw new FlowRequestException("purpose", $"'{purposeCode}' is not a purpose; one of {string.Join(", ", Purposes.Keys)} (the notices' words; analytics reads as productivity).");
        }

        var at = now;
        if (body.TryGetProperty("asOf", out var asOf) && asOf.ValueKind != JsonValueKind.Null)
        {
            at = Instant(asOf.ValueKind == JsonValueKind.String ? asOf.GetString() : null, "asOf", now);
        }

        return Checked(new ProposedFlow(job, inputs, outputs, purpose, at));
    }

    /// <summary>The instant a decision is asked for: ISO 8601 with an offset (or a day, read as its end in UTC), never after now.</summary>
    public static DateTime Instant(string? text, string field, DateTime now)
    {
        DateTime at;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day > DateOnly.FromDateTime(now))
            {
                throw new FlowRequestException(field, $"{text} is in the future: a decision judges what is known now.");
            }

            // Today reads as now: its end has not come.
            at = day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);
            at = at > now ? now : at;
        }
        else if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset)
            && text!.Length > 19 && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            at = offset.UtcDateTime;
        }
        else
        {
            throw new FlowRequestException(field, $"'{text}' is not an instant: ISO 8601 with an offset (2026-10-31T12:00:00Z) or a day (2026-10-31).");
        }

        if (at > now.AddMinutes(1))
        {
            throw new FlowRequestException(field, $"{at:yyyy-MM-ddTHH:mm:ssZ} is in the future: a decision judges what is known now.");
        }

        return at > now ? now : at;
    }

    /// <summary>The checks a flow built from CLI options needs as much as one read from JSON.</summary>
    public static ProposedFlow Checked(ProposedFlow flow)
    {
        if (flow.Inputs.Count == 0)
        {
            throw new FlowRequestException("inputs", "name at least one dataset the job reads.");
        }

        if (flow.Outputs.Count == 0)
        {
            throw new FlowRequestException("outputs", "name at least one dataset the job writes.");
        }

        if (flow.Inputs.Count > MaxDatasets || flow.Outputs.Count > MaxDatasets)
        {
            throw new FlowRequestException(flow.Inputs.Count > MaxDatasets ? "inputs" : "outputs", $"at most {MaxDatasets} datasets.");
        }

        return flow;
    }

    private static ProposedOutput Output(JsonElement element, string field)
    {
        var name = Name(element, field, ["namespace", "name", "kind"]);
        if (!element.TryGetProperty("kind", out var kind) || kind.ValueKind == JsonValueKind.Null)
        {
            return new ProposedOutput(name, null);
        }

        var code = kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
        if (code is null || code != code.Trim() || !Codes.TryParse<DatasetKind>(code, out var parsed) || parsed == DatasetKind.Unknown)
        {
            throw new FlowRequestException(field + ".kind", $"one of {string.Join(", ", Codes.All<DatasetKind>().Where(c => c != "unknown"))}.");
        }

        return new ProposedOutput(name, parsed);
    }

    private static LineageName Name(JsonElement element, string field, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FlowRequestException(field, "an object with namespace and name.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FlowRequestException($"{field}.{property.Name}", $"not a field here (fields: {string.Join(", ", allowed)}).");
            }
        }

        return new LineageName(Text(element, field, "namespace"), Text(element, field, "name"));
    }

    private static string Text(JsonElement element, string field, string name)
    {
        var value = element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FlowRequestException($"{field}.{name}", "required, a non-empty string.");
        }

        if (value.Length > MaxNameLength)
        {
            throw new FlowRequestException($"{field}.{name}", $"at most {MaxNameLength} characters.");
        }

        return value;
    }

    private static JsonElement Required(JsonElement body, string field, JsonValueKind kind)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind != kind)
        {
            throw new FlowRequestException(field, kind == JsonValueKind.Object ? "required, an object with namespace and name." : "required, a string.");
        }

        return value;
    }

    private static IEnumerable<JsonElement> List(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new FlowRequestException(field, "required, an array of {namespace, name}.");
        }

        if (value.GetArrayLength() > MaxDatasets)
        {
            throw new FlowRequestException(field, $"at most {MaxDatasets} datasets.");
        }

        return value.EnumerateArray().ToList();
    }
}
