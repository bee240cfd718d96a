using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Audit.Service.Records;

/// <summary>
/// Turns a finding's evidence JSON into the few sentences a report row has room for: the concrete example first (it
/// shows why the finding is one), then the path, the facts, and the counts with their breakdown after the count it
/// breaks down.
/// </summary>
public static class EvidenceText
{
    /// <summary>Counts named "of which ..." break down the finding's batches; they follow the counts they qualify.</summary>
    private const string OfWhich = "of which ";

    private const int CountsShown = 6;

    /// <summary>Evidence whose value is a disclosure reader's verdict code ("not_real"), printed as words ("not real").</summary>
    private static readonly HashSet<string> Verdicts = new(StringComparer.Ordinal) { "aiTraining", "optOut", "consent" };

    /// <summary>Evidence whose value is a set of capability or purpose codes, printed in the reader's words.</summary>
    private static readonly HashSet<string> CodeSets = new(StringComparer.Ordinal)
    {
        "notNamed", "capabilities", "addedCapabilities", "addedPurposes", "declaredPurposes", "textNames", "purposes",
    };

    // Left out: what the subject line already says, what has its own column, the rule text (in the section intro),
    // and what is written specially below.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "exposure", "rule", "batches", "activeHours", "counts", "paths", "config", "program", "origin", "example",
        "uncompensatedHours", "benchmarkRatePerHour", "benchmarkCurrency", "replacementValueLow", "replacementValueHigh",
    };

    /// <summary>The evidence as sentences in one paragraph, for a page with room (the finding page).</summary>
    public static string Summarise(string json)
    {
        var lines = Lines(json);
        return lines.Count == 0 ? string.Empty : string.Join(" ", lines);
    }

    /// <summary>The evidence as a list, one fact a line, each a sentence: reports print the first few as bullets, the workbook all.</summary>
    public static string Listed(string json) => string.Join("\n", Lines(json));

    /// <summary>The facts of the evidence in the order a reader needs them, each a sentence ending with a full stop.</summary>
    public static IReadOnlyList<string> Lines(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject evidence)
        {
            return [];
        }

        var parts = new List<string>();
        if (evidence["example"] is { } example)
        {
            parts.Add("Example: " + example);
        }

        if (evidence["paths"] is JsonArray { Count: > 0 } paths)
        {
            parts.Add(Path(paths));
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
                JsonValue number when number.TryGetValue<decimal>(out var d) => Number(d),
                _ when CodeSets.Contains(key) => Audit.Domain.Labels.List(value.ToString()),
                _ when Verdicts.Contains(key) => value.ToString().Replace('_', ' '),
                _ => value.ToString().Replace(";", ", ", StringComparison.Ordinal),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add(key == "note" ? text : $"{Words(key)}: {text}");
            }
        }

        // The replacement value is the finding's exposure and has its own column; the hours and the rate explain it.
        if (evidence["uncompensatedHours"] is JsonValue hours)
        {
            var rate = evidence["benchmarkRatePerHour"]?.GetValue<decimal>();
            var currency = evidence["benchmarkCurrency"]?.ToString();
            parts.Add($"{Number(hours.GetValue<decimal>())} uncompensated active hours" + (rate is null ? string.Empty : $", valued at the benchmark rate of {(currency is null ? string.Empty : currency + " ")}{Number(rate.Value)} an hour"));
        }

        if (evidence["counts"] is JsonObject counts)
        {
            parts.AddRange(Counts(counts, evidence["batches"]?.GetValue<long>()));
        }

        if (evidence["batches"] is JsonValue batches)
        {
            var n = batches.GetValue<long>();
            parts.Add($"In all {Count(n)} {(n == 1 ? "batch" : "batches")}, {Number(Math.Round(evidence["activeHours"]?.GetValue<decimal>() ?? 0))} active hours");
        }

        // A finding whose whole evidence is its subject (an exemption with no written rationale) says why it is one.
        if (parts.Count == 0 && evidence["rule"] is JsonValue rule)
        {
            parts.Add(rule.ToString());
        }

        return [.. parts.Select(p => p.TrimEnd('.') + ".")];
    }

    /// <summary>
    /// The path the finding is about: the one to a commercial model if there is one (the gravest), with when it began
    /// or until when it ran.
    /// </summary>
    private static string Path(JsonArray paths)
    {
        var first = Preferred(paths);
        var when = first["pathExistsSince"] is { } since ? $" (since {since})"
            : first["pathRunsUntil"] is { } until ? $" (ran until {until})"
            : string.Empty;
        var sink = first["commercial"]?.GetValue<bool>() == true ? "commercial model " + first["sink"] : first["sink"]?.ToString();
        var others = paths.Count - 1;
        return $"Path to {sink}: {first["path"]}{when}" + others switch
        {
            0 => string.Empty,
            1 => "; one other path to training",
            _ => $"; {Count(others)} other paths to training",
        };
    }

    /// <summary>The path a finding is about: the first to a commercial model if there is one (the gravest), else the first.</summary>
    private static JsonObject Preferred(JsonArray paths) =>
        paths.OfType<JsonObject>().OrderByDescending(p => p["commercial"]?.GetValue<bool>() == true).First();

    /// <summary>The path the finding is about as text ("a →[job, transform] b ...") and whether it ends at a commercial model; null when the evidence names none.</summary>
    public static (string Path, bool Commercial)? PreferredPath(string json) =>
        JsonNode.Parse(json) is JsonObject { } evidence && evidence["paths"] is JsonArray { Count: > 0 } paths && Preferred(paths) is { } p && p["path"] is { } path
            ? (path.ToString(), p["commercial"]?.GetValue<bool>() == true)
            : null;

    /// <summary>The counts, largest first, then what "of which" they break down into; the rest are in the workbook.</summary>
    private static IEnumerable<string> Counts(JsonObject counts, long? batches)
    {
        var all = counts.Select(c => (What: c.Key, N: c.Value?.GetValue<long>() ?? 0)).ToList();
        var main = all.Where(c => !c.What.StartsWith(OfWhich, StringComparison.Ordinal)).OrderByDescending(c => c.N).ThenBy(c => c.What, StringComparer.Ordinal).ToList();
        var breakdown = all.Where(c => c.What.StartsWith(OfWhich, StringComparison.Ordinal)).OrderByDescending(c => c.N).ThenBy(c => c.What, StringComparer.Ordinal).ToList();
        foreach (var (what, n) in main.Take(CountsShown))
        {
            yield return $"{Count(n)} {what}";
        }

        if (main.Count > CountsShown)
        {
            var more = main.Count - CountsShown;
            yield return $"And {Count(more)} smaller {(more == 1 ? "count" : "counts")} of {Count(main.Skip(CountsShown).Sum(c => c.N))} in all";
        }

        if (breakdown.Count > 0)
        {
            var of = batches is { } b ? $"Of the {Count(b)} {(b == 1 ? "batch" : "batches")}" : "Of these";
            yield return of + ", " + string.Join("; ", breakdown.Take(CountsShown).Select(c => $"{Count(c.N)} {c.What[OfWhich.Length..]}"));
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(decimal d) => d.ToString(d == Math.Round(d) ? "N0" : "N2", CultureInfo.InvariantCulture);

    /// <summary>Labels that the word split gets wrong or that say too little as split.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["aiAnnouncements"] = "AI announcements",
        ["optOuts"] = "Opt-outs",
        ["edgesFirstSeenAfterOptOut"] = "Data flows that began after the first opt-out",
        ["edgesStillRunningAfterOptOut"] = "Data flows still running after the first opt-out",
        ["jurisdictionSets"] = "Protected jurisdictions",
        ["windowDays"] = "Window (days)",
        ["compensatedContributors"] = "Contributors with an agreement",
        ["notNamed"] = "Not named by any notice in force",
        ["noticesConsidered"] = "Notices in force",
        ["workforceEvent"] = "Reduction in force",
        ["noRealOptOut"] = "Why there is no real opt-out",
        ["laterNotices"] = "Notice published after the change",
        ["aiTraining"] = "What the text says of AI training",
        ["optOut"] = "What the text says of an opt-out",
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
