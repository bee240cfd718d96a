using System.Text;
using System.Text.Json;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// Finds where a JSON document is broken or repeats a property, as a line and a field path. Used only
/// after the fast parse has failed, so valid events pay nothing for it. Kept inside OpenLineage: the
/// entity importers have their own JSON reader.
/// </summary>
internal static class JsonProblems
{
    /// <summary>The first syntax error or duplicate property, or null if the document is fine.</summary>
    public static LineageFormatException? Find(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Segment(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var current = path[^1];
                        current.Property = name;
                        if (!current.Seen.Add(name))
                        {
                            return new LineageFormatException(Describe(path), $"the property '{name}' appears twice", LineOf(utf8, reader.TokenStartIndex));
                        }

                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return new LineageFormatException(path.Count == 0 ? "-" : Describe(path), "not valid JSON: " + Plain(ex.Message), (ex.LineNumber ?? 0) + 1);
        }

        return null;
    }

    /// <summary>A reader message without ".NET" coordinates ("LineNumber: 0 | BytePositionInLine: 7.") or path.</summary>
    public static string Plain(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:", " | LineNumber" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd(' ', '.') + ".";
    }

    private static void Advance(List<Segment> path)
    {
        if (path.Count > 0 && !path[^1].IsObject)
        {
            path[^1].Index++;
        }
    }

    private static long LineOf(ReadOnlySpan<byte> utf8, long offset) => utf8[..(int)offset].Count((byte)'\n') + 1;

    private static string Describe(List<Segment> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.IsObject)
            {
                if (segment.Property is { } p)
                {
                    text.Append(text.Length == 0 ? string.Empty : ".").Append(p);
                }
            }
            else
            {
                text.Append('[').Append(Math.Max(segment.Index - 1, 0)).Append(']');
            }
        }

        return text.Length == 0 ? "-" : text.ToString();
    }

    private sealed class Segment(bool isObject)
    {
        public bool IsObject { get; } = isObject;

        public string? Property { get; set; }

        public int Index { get; set; }

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }
}
