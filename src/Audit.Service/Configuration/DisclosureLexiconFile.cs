using System.Collections.Concurrent;
using Audit.Rules;
using Audit.Service.Ingest;

namespace Audit.Service.Configuration;

/// <summary>
/// The disclosure lexicon, read from <c>templates/disclosure-lexicon.csv</c> (columns kind, key, phrase, note). Read
/// again when the file changes, so an edit shows in the next scan, review or guard decision without a restart; between
/// edits it is read once. A file with any problem is refused whole, each problem named by file, row and field, as a
/// setting gone wrong (<see cref="ConfigurationException"/>: exit 78, 503 over HTTP): no notice is read with half a lexicon.
/// </summary>
public static class DisclosureLexiconFile
{
    public const string TemplateFile = "disclosure-lexicon.csv";

    private static readonly IReadOnlyList<FieldSpec> Fields =
    [
        new("kind", FieldKind.Code, true, LexiconKinds.All), FieldSpec.Text("key", required: false, maxLength: 64),
        FieldSpec.Text("phrase", maxLength: 200), FieldSpec.Text("note", required: false, maxLength: 1000),
    ];

    private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, DisclosureLexicon Lexicon)> Cache = new(StringComparer.Ordinal);

    /// <summary>The lexicon of the templates folder (or the copy beside the program).</summary>
    public static DisclosureLexicon Load(string templatesPath)
    {
        string path;
        try
        {
            path = Path.GetFullPath(Templates.Resolve(templatesPath, TemplateFile));
        }
        catch (FileNotFoundException e)
        {
            throw new ConfigurationException($"Audit:TemplatesPath: {e.Message} The disclosure reader needs its lexicon.");
        }

        var info = new FileInfo(path);
        if (Cache.TryGetValue(path, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.Lexicon;
        }

        var lexicon = Read(path);
        Cache[path] = (info.LastWriteTimeUtc, info.Length, lexicon);
        return lexicon;
    }

    public static DisclosureLexicon Read(string path)
    {
        var file = Path.GetFileName(path);
        var errors = new ImportErrorList(file);
        var entries = new List<LexiconEntry>();
        var seen = new Dictionary<(string, string, string), long>();
        foreach (var record in RecordSources.Read(path, Fields, errors))
        {
            var values = new object?[Fields.Count];
            var valid = true;
            for (var f = 0; f < Fields.Count; f++)
            {
                if (!Fields[f].TryParse(record.Values[f], out values[f], out var problem))
                {
                    errors.Add(record.Row, Fields[f].Name, problem!);
                    valid = false;
                }
            }

            if (!valid)
            {
                continue;
            }

            var kind = (string)values[0]!;
            var key = values[1] as string;
            var phrase = ((string)values[2]!).Trim();
            var keys = LexiconKinds.KeysOf(kind);
            if (keys is not null && (key is null || !keys.Contains(key)))
            {
                errors.Add(record.Row, "key", $"a {kind} phrase needs the key it names, one of: {string.Join(", ", keys)}");
                continue;
            }

            if (keys is null && key is not null)
            {
                errors.Add(record.Row, "key", $"a {kind} phrase takes no key (only capability and purpose phrases do)");
                continue;
            }

            if (DisclosureLexicon.Problem(phrase) is { } wrong)
            {
                errors.Add(record.Row, "phrase", wrong);
                continue;
            }

            if (!seen.TryAdd((kind, key ?? string.Empty, phrase.ToLowerInvariant()), record.Row))
            {
                errors.Add(record.Row, "phrase", $"'{phrase}' is already on row {seen[(kind, key ?? string.Empty, phrase.ToLowerInvariant())]} for this kind");
                continue;
            }

            entries.Add(new LexiconEntry(kind, key, phrase, record.Row));
        }

        foreach (var needed in new[] { LexiconKinds.Training, LexiconKinds.Ai, LexiconKinds.OptOut, LexiconKinds.Negation, LexiconKinds.Capability })
        {
            if (!errors.Any && !entries.Any(e => e.Kind == needed))
            {
                errors.Add(1, "kind", $"the lexicon has no {needed} phrase: the reader cannot judge a notice without one");
            }
        }

        if (errors.Any)
        {
            var more = errors.Total > errors.Kept.Count ? $"\n  ... and {errors.Total - errors.Kept.Count} more" : string.Empty;
            throw new ConfigurationException($"the disclosure lexicon {path} is not valid ({errors.Total} problem{(errors.Total == 1 ? string.Empty : "s")}), so no notice was read:\n  "
                + string.Join("\n  ", errors.Kept) + more);
        }

        return new DisclosureLexicon(entries);
    }
}
