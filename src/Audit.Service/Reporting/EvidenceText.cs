using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Audit.Service.Reporting;

/// <summary>Turns a finding's evidence JSON into the few sentences a report row has room for.</summary>
public static class EvidenceText
{
    // Left out: what the subject line already says, what has its own column, and the rule text (in the section intro).
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "exposure", "rule", "batches", "activeHours", "counts", "paths", "config", "program", "origin" };

    public static string Summarise(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject evidence)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (evidence["paths"] is JsonArray paths && paths.Count > 0)
        {
            var first = paths[0]!;
            parts.Add($"Path: {first["path"]} (since {first["pathExistsSince"]})" + (paths.Count > 1 ? $"; {paths.Count - 1} more sink(s)" : string.Empty));
        }

        foreach (var (key, value) in evidence)
        {
            if (Skipped.Contains(key) || value is null)
            {
                continue;
            }

            var text = value switch
            {
                JsonArray array => string.Join("; ", array.Select(a => a?.ToString())),
                JsonValue number when number.TryGetValue<decimal>(out var d) => d.ToString(d == Math.Round(d) ? "N0" : "N2", CultureInfo.InvariantCulture),
                _ => value.ToString().Replace(";", ", ", StringComparison.Ordinal),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add(key == "note" ? text : $"{Words(key)}: {text}");
            }
        }

        if (evidence["counts"] is JsonObject counts)
        {
            foreach (var (what, n) in counts.OrderByDescending(c => c.Value?.GetValue<long>() ?? 0).Take(3))
            {
                parts.Add($"{n?.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture)} {what}");
            }
        }

        if (evidence["batches"] is JsonValue batches)
        {
            parts.Add($"{batches.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture)} batches, {evidence["activeHours"]?.GetValue<decimal>().ToString("N0", CultureInfo.InvariantCulture)} active hours");
        }

        return string.Join(". ", parts.Select(p => p.TrimEnd('.'))) + (parts.Count > 0 ? "." : string.Empty);
    }

    /// <summary>Labels that the word split gets wrong: an acronym, a hyphenated word.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["aiAnnouncements"] = "AI announcements",
        ["optOuts"] = "Opt-outs",
    };

    /// <summary>"heldInSecurityStore" → "Held in security store".</summary>
    internal static string Words(string camel)
    {
        if (Labels.TryGetValue(camel, out var label))
        {
            return label;
        }

        var sb = new StringBuilder();
        foreach (var c in camel)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return sb.ToString();
    }
}
