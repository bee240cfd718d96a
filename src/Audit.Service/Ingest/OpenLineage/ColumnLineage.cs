using System.Text.Json;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// Reads the transform of each (input, output) pair from an output's columnLineage facet (facet 1-2-0; the
/// older field-level <c>transformationType</c> IDENTITY / MASKED too). Each input field is judged by its
/// DIRECT transformations: masking → anonymize, IDENTITY → copy, TRANSFORMATION → transform, AGGREGATION →
/// aggregate; with only INDIRECT ones a FILTER → filter, and the others (JOIN, GROUP_BY, SORT, WINDOW,
/// CONDITIONAL) carry no values. Where fields of one input differ, the least protective wins: one column
/// copied raw beside a masked one still carries raw personal data.
/// </summary>
internal static class ColumnLineage
{
    /// <summary>Least protective first: the order in which a pair's field-level transforms win.</summary>
    private static readonly TransformKind[] Exposure = [TransformKind.Copy, TransformKind.Filter, TransformKind.Transform, TransformKind.Aggregate, TransformKind.Anonymize];

    public static void Read(JsonElement output, LineageDataset target, string path, List<ColumnTransform> into, List<string> warnings)
    {
        if (!output.TryGetProperty("facets", out var facets) || facets.ValueKind != JsonValueKind.Object
            || !facets.TryGetProperty("columnLineage", out var facet))
        {
            return;
        }

        if (facet.ValueKind != JsonValueKind.Object)
        {
            warnings.Add($"{path}: not an object; ignored");
            return;
        }

        var perSource = new Dictionary<(string, string), TransformKind?>();
        if (facet.TryGetProperty("fields", out var fields))
        {
            if (fields.ValueKind != JsonValueKind.Object)
            {
                warnings.Add($"{path}.fields: not an object; ignored");
            }
            else
            {
                foreach (var field in fields.EnumerateObject())
                {
                    if (field.Value.ValueKind != JsonValueKind.Object)
                    {
                        warnings.Add($"{path}.fields.{field.Name}: not an object; ignored");
                        continue;
                    }

                    var fieldLevel = field.Value.TryGetProperty("transformationType", out var tt) && tt.ValueKind == JsonValueKind.String ? tt.GetString() : null;
                    ReadInputFields(field.Value, fieldLevel, $"{path}.fields.{field.Name}", perSource, warnings);
                }
            }
        }

        // Dataset-level dependencies (facet 1-2-0): usually INDIRECT, e.g. a table used only to filter.
        if (facet.TryGetProperty("dataset", out var datasetLevel) && datasetLevel.ValueKind == JsonValueKind.Array)
        {
            ReadInputFields(facet, null, path, perSource, warnings, "dataset");
        }

        foreach (var ((ns, name), transform) in perSource)
        {
            into.Add(new ColumnTransform(ns, name, target.Namespace, target.Name, transform ?? TransformKind.Unknown));
        }
    }

    private static void ReadInputFields(JsonElement owner, string? fieldLevel, string path, Dictionary<(string, string), TransformKind?> perSource, List<string> warnings, string property = "inputFields")
    {
        if (!owner.TryGetProperty(property, out var inputFields))
        {
            return;
        }

        if (inputFields.ValueKind != JsonValueKind.Array)
        {
            warnings.Add($"{path}.{property}: not an array; ignored");
            return;
        }

        var i = 0;
        foreach (var input in inputFields.EnumerateArray())
        {
            var at = $"{path}.{property}[{i++}]";
            if (input.ValueKind != JsonValueKind.Object
                || !input.TryGetProperty("namespace", out var ns) || ns.ValueKind != JsonValueKind.String
                || !input.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                warnings.Add($"{at}: needs a namespace and a name; ignored");
                continue;
            }

            var kind = Judge(input, fieldLevel, at, warnings);
            var key = (ns.GetString()!, name.GetString()!);
            perSource[key] = perSource.TryGetValue(key, out var before) ? LeastProtective(before, kind) : kind;
        }
    }

    /// <summary>What one input field's transformations say, or null when they say nothing about its values.</summary>
    private static TransformKind? Judge(JsonElement input, string? fieldLevel, string path, List<string> warnings)
    {
        TransformKind? direct = null;
        var filter = false;
        if (input.TryGetProperty("transformations", out var transformations))
        {
            if (transformations.ValueKind != JsonValueKind.Array)
            {
                warnings.Add($"{path}.transformations: not an array; ignored");
            }
            else
            {
                foreach (var t in transformations.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object))
                {
                    var type = Text(t, "type");
                    var subtype = Text(t, "subtype");
                    var masked = t.TryGetProperty("masking", out var m) && m.ValueKind == JsonValueKind.True;
                    if (type == "INDIRECT")
                    {
                        filter |= subtype == "FILTER";
                        continue;
                    }

                    TransformKind? kind = masked ? TransformKind.Anonymize : subtype switch
                    {
                        "IDENTITY" => TransformKind.Copy,
                        "TRANSFORMATION" => TransformKind.Transform,
                        "AGGREGATION" => TransformKind.Aggregate,
                        _ => type == "DIRECT" ? TransformKind.Transform : null,
                    };
                    direct = kind is null ? direct : LeastProtective(direct, kind);
                }
            }
        }

        if (direct is null && !filter)
        {
            // The deprecated field-level form Airflow still sends.
            direct = fieldLevel switch
            {
                "IDENTITY" => TransformKind.Copy,
                "MASKED" => TransformKind.Anonymize,
                _ => null,
            };
        }

        return direct ?? (filter ? TransformKind.Filter : null);
    }

    private static TransformKind? LeastProtective(TransformKind? a, TransformKind? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        return Array.IndexOf(Exposure, a.Value) <= Array.IndexOf(Exposure, b.Value) ? a : b;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
