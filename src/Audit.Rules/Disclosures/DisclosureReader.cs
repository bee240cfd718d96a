using System.Text.RegularExpressions;

namespace Audit.Rules;

/// <summary>One numbered paragraph of a notice text, as imported.</summary>
public sealed record NoticeParagraph(int Number, string Text);

/// <summary>The text of a notice version as workers read it: its paragraphs and the SHA-256 of the file it came from.</summary>
public sealed record NoticeTextInfo(string NoticeId, string Sha256, string FileName, DateTime ImportedAt, IReadOnlyList<NoticeParagraph> Paragraphs);

/// <summary>A problem the reader finds in a notice: its code, the paragraph and sentence it quotes (none for what the text lacks), and why it matters.</summary>
public sealed record DisclosureProblem(string Code, int? Paragraph, string? Quote, string Explanation);

/// <summary>One sentence of a notice with the phrases found in it; <see cref="Start"/> is its offset in its paragraph.</summary>
public sealed record DisclosureSentence(int Paragraph, int Start, string Text, IReadOnlyList<PhraseMatch> Matches);

/// <summary>What one notice text says, read by <see cref="DisclosureReader"/>.</summary>
public sealed record DisclosureReading(
    string NoticeId,
    string Sha256,
    AiTrainingDisclosure AiTraining,
    OptOutDisclosure OptOut,
    ConsentForm Consent,
    bool ClaimsPastData,
    Capability Capabilities,
    Purpose Purposes,
    IReadOnlyList<DisclosureSentence> Sentences,
    IReadOnlyList<DisclosureProblem> Problems)
{
    /// <summary>The sentences that decided the AI-training verdict (specific or hedged mentions, catch-alls), for quoting.</summary>
    public IEnumerable<DisclosureProblem> TrainingProblems => Problems.Where(p => p.Code is DisclosureCodes.VaguePurpose or DisclosureCodes.HedgedAiTraining
        or DisclosureCodes.AiTrainingAbsent or DisclosureCodes.DeniesAiTraining);
}

/// <summary>The problem codes the disclosure reader and review give; stable, as the JSON, the report and the web page carry them.</summary>
public static class DisclosureCodes
{
    public const string VaguePurpose = "vague-purpose";
    public const string HedgedAiTraining = "hedged-ai-training";
    public const string AiTrainingAbsent = "ai-training-absent";
    public const string DeniesAiTraining = "denies-ai-training";
    public const string OptOutNotReal = "opt-out-not-real";
    public const string OptOutAbsent = "opt-out-absent";
    public const string BundledConsent = "bundled-consent";
    public const string ClaimsPastData = "claims-past-data";
    public const string CapabilityNotNamed = "capability-not-named";
    public const string PurposeNotInText = "purpose-not-in-text";
    public const string OptOutContradicted = "opt-out-contradicted";
    public const string OptOutNotInText = "opt-out-not-in-text";
    public const string NoText = "no-text";
}

/// <summary>
/// Reads a notice's text sentence by sentence with the lexicon, and gives its verdicts with the sentences behind them.
/// AI training is <c>specific</c> when a sentence says, without a negation, a hedge or a catch-all, that data trains
/// AI (a training word and an AI word, or a phrase such as "training data"); <c>vague</c> when the only such mention is
/// hedged ("such as", "including but not limited to") or the text rests on catch-alls ("security and compliance");
/// <c>absent</c> otherwise, a denial ("we do not use ... to train") included. The opt-out is <c>not_real</c> when a
/// sentence denies one ("there is no opt-out") or ties it to relocating, leaving or a device; <c>described</c> when a
/// sentence offers one; <c>absent</c> otherwise. Capabilities are those named without a negation.
/// </summary>
public static class DisclosureReader
{
    public static DisclosureReading Read(NoticeTextInfo text, DisclosureLexicon lexicon) =>
        lexicon.Readings.GetOrAdd((text.NoticeId, text.Sha256), static (_, state) => ReadNow(state.text, state.lexicon), (text, lexicon));

    private static DisclosureReading ReadNow(NoticeTextInfo text, DisclosureLexicon lexicon)
    {
        var sentences = new List<DisclosureSentence>();
        foreach (var paragraph in text.Paragraphs)
        {
            foreach (var (start, sentence) in Sentences(paragraph.Text))
            {
                sentences.Add(new DisclosureSentence(paragraph.Number, start, sentence, lexicon.Find(sentence)));
            }
        }

        var problems = new List<DisclosureProblem>();
        var specific = false;
        var vague = false;
        var capabilities = Capability.None;
        var purposes = Purpose.None;
        var optOut = OptOutDisclosure.Absent;
        var bundled = false;
        var separate = false;
        var claimsPast = false;
        var catchAlls = new List<DisclosureSentence>();
        foreach (var s in sentences)
        {
            bool Has(string kind, bool? negated = false) => s.Matches.Any(m => m.Kind == kind && (negated is null || m.Negated == negated));
            foreach (var m in s.Matches.Where(m => !m.Negated && m.Key is not null))
            {
                if (m.Kind == LexiconKinds.Capability && Codes.TryParse<Capability>(m.Key, out var capability))
                {
                    capabilities |= capability;
                }
                else if (m.Kind == LexiconKinds.Purpose && Codes.TryParse<Purpose>(m.Key, out var purpose))
                {
                    purposes |= purpose;
                }
            }

            var trains = Has(LexiconKinds.AiTraining) || (Has(LexiconKinds.Training) && Has(LexiconKinds.Ai, null));
            var denies = !trains && (Has(LexiconKinds.AiTraining, true) || (Has(LexiconKinds.Training, true) && Has(LexiconKinds.Ai, null)));
            var hedged = Has(LexiconKinds.Hedge, null) || Has(LexiconKinds.CatchAll);
            if (trains && !hedged)
            {
                specific = true;
            }
            else if (trains)
            {
                vague = true;
                problems.Add(new DisclosureProblem(DisclosureCodes.HedgedAiTraining, s.Paragraph, s.Text,
                    "AI training is mentioned only as one example among unnamed uses or beside a catch-all: a worker cannot tell that their recordings train models."));
            }
            else if (denies)
            {
                problems.Add(new DisclosureProblem(DisclosureCodes.DeniesAiTraining, s.Paragraph, s.Text,
                    "The text says the data is not used to train AI: any training use contradicts what workers were told."));
            }

            if (Has(LexiconKinds.CatchAll))
            {
                vague = true;
                catchAlls.Add(s);
            }

            var offers = Has(LexiconKinds.OptOut);
            var deniedOptOut = Has(LexiconKinds.OptOut, true);
            if ((offers || deniedOptOut) && (deniedOptOut || Has(LexiconKinds.NotReal, null)))
            {
                optOut = OptOutDisclosure.NotReal;
                problems.Add(new DisclosureProblem(DisclosureCodes.OptOutNotReal, s.Paragraph, s.Text,
                    "The only way out named here is none, or costs the job, a move or the device: regulators do not accept that as an opt-out."));
            }
            else if (offers && optOut == OptOutDisclosure.Absent)
            {
                optOut = OptOutDisclosure.Described;
            }

            if (Has(LexiconKinds.Separate, null))
            {
                separate = true;
            }
            else if (Has(LexiconKinds.Bundled))
            {
                bundled = true;
                problems.Add(new DisclosureProblem(DisclosureCodes.BundledConsent, s.Paragraph, s.Text,
                    "Consent is tied to the job, the handbook or the use of company devices: it is not a free, specific choice (GDPR Art. 7(4); EDPB Guidelines 05/2020)."));
            }

            if (Has(LexiconKinds.PastData) && !Has(LexiconKinds.PastDeleted, null) && (trains || Has(LexiconKinds.Training, null) || Has(LexiconKinds.Ai, null)))
            {
                claimsPast = true;
                problems.Add(new DisclosureProblem(DisclosureCodes.ClaimsPastData, s.Paragraph, s.Text,
                    "The text claims data captured before it for the new use: consent given now does not reach back to data captured under the old wording."));
            }
        }

        var aiTraining = specific ? AiTrainingDisclosure.Specific : vague ? AiTrainingDisclosure.Vague : AiTrainingDisclosure.Absent;
        if (!specific)
        {
            foreach (var s in catchAlls)
            {
                var phrase = s.Matches.First(m => m.Kind == LexiconKinds.CatchAll && !m.Negated);
                problems.Add(new DisclosureProblem(DisclosureCodes.VaguePurpose, s.Paragraph, s.Text,
                    $"\"{s.Text.Substring(phrase.Start, phrase.Length)}\" names no use in particular: it does not cover AI training under a defensible interpretation."));
            }

            if (aiTraining == AiTrainingDisclosure.Absent)
            {
                problems.Add(new DisclosureProblem(DisclosureCodes.AiTrainingAbsent, null, null, "Nowhere does the text say that captured data is used to train AI."));
            }
        }
        else
        {
            purposes |= Purpose.AiTraining;
        }

        var consent = bundled ? ConsentForm.Bundled : separate ? ConsentForm.Separate : ConsentForm.NotStated;
        problems.Sort(static (a, b) => (a.Paragraph ?? int.MaxValue).CompareTo(b.Paragraph ?? int.MaxValue));
        return new DisclosureReading(text.NoticeId, text.Sha256, aiTraining, optOut, consent, claimsPast, capabilities, purposes, sentences, problems);
    }

    // A sentence ends at . ! or ? followed by space and a capital, a digit or a quote; abbreviations such as "e.g." and "i.e." do not end one.
    private static readonly Regex SentenceEnd = new(@"(?<!\b(?:e\.g|i\.e|etc|incl|approx|no|vs|Mr|Ms|Dr|St|U\.S))[.!?]+[""'\u201d\u2019)]*\s+(?=[\p{Lu}\p{N}""'\u201c(\u2022-])", RegexOptions.CultureInvariant);

    /// <summary>The sentences of a paragraph with their offsets (list items and headings are sentences of their own).</summary>
    public static IEnumerable<(int Start, string Text)> Sentences(string paragraph)
    {
        var start = 0;
        foreach (Match end in SentenceEnd.Matches(paragraph))
        {
            var stop = end.Index + end.Length;
            var text = paragraph[start..stop].TrimEnd();
            if (text.Length > 0)
            {
                yield return (start, text);
            }

            start = stop;
        }

        if (start < paragraph.Length && paragraph[start..].Trim().Length > 0)
        {
            yield return (start, paragraph[start..].TrimEnd());
        }
    }
}
