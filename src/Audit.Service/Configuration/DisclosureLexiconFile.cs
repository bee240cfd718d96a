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
        foreach (var (row, values) in TemplateTable.Rows(path, Fields, errors))
        {
            var kind = (string)values[0]!;
            var key = values[1] as string;
            var phrase = ((string)values[2]!).Trim();
            var keys = LexiconKinds.KeysOf(kind);
            if (keys is not null && (key is null || !keys.Contains(key)))
            {
                errors.Add(row, "key", $"a {kind} phrase needs the key it names, one of: {string.Join(", ", keys)}");
                continue;
            }

            if (keys is null && key is not null)
            {
                errors.Add(row, "key", $"a {kind} phrase takes no key (only capability and purpose phrases do)");
                continue;
            }

            if (DisclosureLexicon.Problem(phrase) is { } wrong)
            {
                errors.Add(row, "phrase", wrong);
                continue;
            }

            var same = (kind, key ?? string.Empty, phrase.ToLowerInvariant());
            if (!seen.TryAdd(same, row))
            {
                errors.Add(row, "phrase", $"'{phrase}' is already on row {seen[same]} for this kind");
                continue;
            }

            entries.Add(new LexiconEntry(kind, key, phrase, row));
        }

        foreach (var needed in new[] { LexiconKinds.Training, LexiconKinds.Ai, LexiconKinds.OptOut, LexiconKinds.Negation, LexiconKinds.Capability })
        {
            if (!errors.Any && !entries.Any(e => e.Kind == needed))
            {
                errors.Add(1, "kind", $"the lexicon has no {needed} phrase: the reader cannot judge a notice without one");
            }
        }

        TemplateTable.ThrowIfAny(errors, "the disclosure lexicon", path, "no notice was read");
        return new DisclosureLexicon(entries);
    }
}
