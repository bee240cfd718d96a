using System.Text;
using System.Text.RegularExpressions;

namespace Audit.Rules;

/// <summary>The kinds of phrase the disclosure lexicon holds (<c>templates/disclosure-lexicon.csv</c>, column <c>kind</c>).</summary>
public static class LexiconKinds
{
    /// <summary>Names a capability the tools capture; the key is its code (keystrokes, screenshots, ...).</summary>
    public const string Capability = "capability";

    /// <summary>Names a purpose other than AI training; the key is its code (security, compliance, productivity).</summary>
    public const string Purpose = "purpose";

    /// <summary>A training word ("train*", "fine-tun*"): AI training when a sentence also has an <see cref="Ai"/> word.</summary>
    public const string Training = "training";

    /// <summary>An AI word ("AI", "machine learning", "model*").</summary>
    public const string Ai = "ai";

    /// <summary>A phrase that is AI training by itself ("training data").</summary>
    public const string AiTraining = "ai_training";

    /// <summary>A catch-all that names no use in particular ("security and compliance", "improve our services").</summary>
    public const string CatchAll = "catch_all";

    /// <summary>A hedge that makes a named use one example among unnamed others ("such as", "including but not limited to").</summary>
    public const string Hedge = "hedge";

    /// <summary>A negation ("not", "never"): it turns the phrases that follow it in the same clause around.</summary>
    public const string Negation = "negation";

    /// <summary>An opt-out mechanism ("opt out", "withdraw your consent", "switch off").</summary>
    public const string OptOut = "opt_out";

    /// <summary>What makes an opt-out not real ("relocate", "leave the company", "on company devices").</summary>
    public const string NotReal = "not_real";

    /// <summary>Consent tied to the job, the handbook or the use of devices ("condition of employment", "by continuing").</summary>
    public const string Bundled = "bundled";

    /// <summary>Consent asked for on its own ("separate consent", "voluntary", "will not affect your employment").</summary>
    public const string Separate = "separate";

    /// <summary>Data from before the notice ("previously collected", "past sessions").</summary>
    public const string PastData = "past_data";

    /// <summary>A deletion of that data ("deleted", "erased"): a promise, not a claim.</summary>
    public const string PastDeleted = "past_deleted";

    public static readonly IReadOnlyList<string> All =
        [Capability, Purpose, Training, Ai, AiTraining, CatchAll, Hedge, Negation, OptOut, NotReal, Bundled, Separate, PastData, PastDeleted];

    /// <summary>The kinds whose entries carry a key, and which keys they may carry.</summary>
    public static IReadOnlyCollection<string>? KeysOf(string kind) => kind switch
    {
        Capability => Codes.All<Audit.Domain.Capability>(),
        Purpose => [.. Codes.All<Audit.Domain.Purpose>().Where(p => p is not ("none" or "ai_training"))],
        _ => null,
    };
}

/// <summary>One phrase of the lexicon; <see cref="Row"/> is its row in the file, for errors and explanations.</summary>
public sealed record LexiconEntry(string Kind, string? Key, string Phrase, long Row = 0);

/// <summary>Where a phrase of the lexicon was found in a sentence; offsets are within the sentence.</summary>
public readonly record struct PhraseMatch(string Kind, string? Key, string Phrase, int Start, int Length, bool Negated);

/// <summary>
/// The editable lexicon the disclosure reader reads notices with. A phrase is words separated by spaces, compared
/// without case; a word may end in <c>*</c> (any ending: "train*" is train, trained, training); a hyphen matches a
/// hyphen, a space or nothing ("opt-out" is also "opt out" and "optout"). Phrases match whole words only.
/// </summary>
public sealed class DisclosureLexicon
{
    private readonly List<(LexiconEntry Entry, Regex Pattern)> _entries;

    public DisclosureLexicon(IEnumerable<LexiconEntry> entries)
    {
        _entries = [.. entries.Select(e => (e, Compile(e.Phrase)))];
        Entries = [.. _entries.Select(e => e.Entry)];
    }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>
    /// Readings made with this lexicon, by notice and text SHA-256: a text is read once per lexicon, not once per scan or
    /// guard decision (an edited lexicon is a new instance, so its readings start afresh). Bounded by the notice versions.
    /// </summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<(string NoticeId, string Sha256), DisclosureReading> Readings { get; } = new();

    /// <summary>Why a phrase cannot be read, or null when it can.</summary>
    public static string? Problem(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !phrase.Any(char.IsLetterOrDigit))
        {
            return "a phrase needs at least one letter";
        }

        foreach (var word in words)
        {
            var star = word.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0 && (star != word.Length - 1 || star == 0))
            {
                return $"'*' may only end a word ('{word}')";
            }
        }

        return null;
    }

    /// <summary>Every phrase found in <paramref name="sentence"/>, in order, each marked negated when a negation precedes it in its clause.</summary>
    public IReadOnlyList<PhraseMatch> Find(string sentence)
    {
        var found = new List<PhraseMatch>();
        foreach (var (entry, pattern) in _entries)
        {
            for (var m = pattern.Match(sentence); m.Success; m = m.NextMatch())
            {
                found.Add(new PhraseMatch(entry.Kind, entry.Key, entry.Phrase, m.Index, m.Length, false));
            }
        }

        found.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        // A negation inside a hedge ("including but not limited to") negates nothing.
        var hedges = found.Where(f => f.Kind == LexiconKinds.Hedge).ToList();
        var negations = found.Where(f => f.Kind == LexiconKinds.Negation && !hedges.Any(h => f.Start >= h.Start && f.Start < h.Start + h.Length)).ToList();
        for (var i = 0; i < found.Count; i++)
        {
            var match = found[i];
            if (match.Kind != LexiconKinds.Negation && negations.Any(n => Negates(sentence, n, match)))
            {
                found[i] = match with { Negated = true };
            }
        }

        return found;
    }

    /// <summary>Words a negation reaches, within its clause: "we do not use screenshots or keystrokes to train" negates all three.</summary>
    private const int NegationReach = 14;

    /// <summary>An opt-out is denied only by a negation right before it ("cannot opt out", "no way to opt out"), not by "who do not want ... may opt out".</summary>
    private const int OptOutNegationReach = 3;

    private static bool Negates(string sentence, PhraseMatch negation, PhraseMatch match)
    {
        var end = negation.Start + negation.Length;
        if (end > match.Start)
        {
            return false;
        }

        var between = sentence.AsSpan(end, match.Start - end);
        // A comma does not end a negation's reach ("does not record keystrokes, screenshots or ..."); a new clause does.
        if (between.IndexOfAny(";:()") >= 0 || ClauseBreak.IsMatch(between))
        {
            return false;
        }

        var words = 0;
        var inWord = false;
        foreach (var c in between)
        {
            var letter = char.IsLetterOrDigit(c);
            words += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return words <= (match.Kind == LexiconKinds.OptOut ? OptOutNegationReach : NegationReach);
    }

    private static readonly Regex ClauseBreak = new(@"\b(but|however|except|unless|although|though|while|whereas|instead|rather|because|which|so that|then|and we|and you|and your|and the|and all|and they|and it|if|when|where)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static Regex Compile(string phrase)
    {
        var pattern = new StringBuilder(@"(?<![\p{L}\p{N}])");
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                pattern.Append(@"[\s\u00a0]+");
            }

            var word = words[w];
            var open = word.EndsWith('*');
            foreach (var part in (open ? word[..^1] : word).Split('-').Select((p, i) => (p, i)))
            {
                pattern.Append(part.i > 0 ? @"[\s\u00a0\-\u2010\u2011]?" : string.Empty).Append(Regex.Escape(part.p).Replace("'", "['\u2019]", StringComparison.Ordinal));
            }

            pattern.Append(open ? @"[\p{L}\p{N}\-]*" : string.Empty);
        }

        pattern.Append(@"(?![\p{L}\p{N}])");
        return new Regex(pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
