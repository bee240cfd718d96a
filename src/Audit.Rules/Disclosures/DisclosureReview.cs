namespace Audit.Rules;

/// <summary>One notice version as the review sees it: its text (none imported yet: null), what the text says, and every problem.</summary>
public sealed record NoticeReview(NoticeInfo Notice, NoticeTextInfo? Text, DisclosureReading? Reading, IReadOnlyList<DisclosureProblem> Problems)
{
    /// <summary>The configs its series ran while it was the version in force, and what they captured.</summary>
    public IReadOnlyList<ConfigInfo> Configs { get; init; } = [];
}

/// <summary>
/// Holds each notice's text against the facts: capabilities the tools of its series captured while it was in force
/// that the text never names; purposes the notice record claims that the text does not say; an opt-out the text
/// promises that the program's record or the notice record deny, or one they promise that the text leaves out.
/// </summary>
public static class DisclosureReview
{
    public static IReadOnlyList<NoticeReview> Review(ScanSnapshot snapshot, DisclosureLexicon lexicon, string? noticeId = null)
    {
        var reviews = new List<NoticeReview>();
        foreach (var notice in snapshot.Notices.Where(n => noticeId is null || n.NoticeId == noticeId)
                     .OrderBy(n => n.Series, StringComparer.Ordinal).ThenBy(n => n.PublishedOn).ThenBy(n => n.NoticeId, StringComparer.Ordinal))
        {
            reviews.Add(Review(snapshot, notice, lexicon));
        }

        return reviews;
    }

    public static NoticeReview Review(ScanSnapshot snapshot, NoticeInfo notice, DisclosureLexicon lexicon)
    {
        var configs = ConfigsUnder(snapshot, notice);
        if (!snapshot.NoticeTexts.TryGetValue(notice.NoticeId, out var text))
        {
            return new NoticeReview(notice, null, null,
                [new DisclosureProblem(DisclosureCodes.NoText, null, null, "No text of this notice has been imported (import notice-texts): its record is all Audit can judge it by.")])
            { Configs = configs };
        }

        var reading = DisclosureReader.Read(text, lexicon);

        // Silence about AI training is a problem only for a notice the records tie to training (a productivity notice need not mention it).
        var textProblems = AboutTraining(notice, reading, configs) ? reading.Problems : reading.Problems.Where(p => p.Code != DisclosureCodes.AiTrainingAbsent);
        return new NoticeReview(notice, text, reading, [.. textProblems, .. AgainstTheFacts(snapshot, notice, reading, configs)]) { Configs = configs };
    }

    /// <summary>The configs of the notice's series in force at some time while the notice was the version in force.</summary>
    public static IReadOnlyList<ConfigInfo> ConfigsUnder(ScanSnapshot snapshot, NoticeInfo notice)
    {
        var next = snapshot.Notices.Where(n => n.Series == notice.Series && Later(n, notice)).Select(n => (DateOnly?)n.PublishedOn).Min();
        return [.. snapshot.Configs.Values
            .Where(c => c.NoticeSeries().Contains(notice.Series, StringComparer.Ordinal)
                && (c.EffectiveTo is null || c.EffectiveTo >= notice.PublishedOn)
                && (next is null || c.EffectiveFrom < next))
            .OrderBy(c => c.ToolId, StringComparer.Ordinal).ThenBy(c => c.EffectiveFrom)];
    }

    private static bool Later(NoticeInfo n, NoticeInfo than) =>
        n.PublishedOn > than.PublishedOn || (n.PublishedOn == than.PublishedOn && string.CompareOrdinal(n.Version, than.Version) > 0);

    private static IEnumerable<DisclosureProblem> AgainstTheFacts(ScanSnapshot snapshot, NoticeInfo notice, DisclosureReading reading, IReadOnlyList<ConfigInfo> configs)
    {
        foreach (var config in configs)
        {
            var missing = config.Capabilities & ~reading.Capabilities;
            if (missing != Capability.None)
            {
                yield return new DisclosureProblem(DisclosureCodes.CapabilityNotNamed, null, null,
                    $"{config.Key} captures {Labels.Set(missing)} while this notice is in force; its text never names {(Pop(missing) == 1 ? "it" : "them")}.");
            }
        }

        var unsaid = notice.Purposes & ~reading.Purposes;
        if (unsaid != Purpose.None)
        {
            yield return new DisclosureProblem(DisclosureCodes.PurposeNotInText, null, null,
                $"The notice record claims {Labels.Set(unsaid)}, which the text does not say{(unsaid.HasFlag(Purpose.AiTraining) ? " plainly" : string.Empty)}: the record is not what workers read.");
        }

        var program = notice.ProgramId is { } id && snapshot.Programs.TryGetValue(id, out var p) ? p
            : configs.Select(snapshot.ProgramOf).FirstOrDefault(x => x is not null);
        var recordOffers = notice.OffersOptOut || program?.OptOut is OptOutMechanism.SelfService or OptOutMechanism.Request;
        if (reading.OptOut == OptOutDisclosure.Described && (!notice.OffersOptOut || program?.OptOut is OptOutMechanism.None or OptOutMechanism.Relocation or OptOutMechanism.LeaveJob))
        {
            var by = !notice.OffersOptOut ? "the notice record says it offers no opt-out" : $"the program {program!.ProgramId} records its opt-out as {Codes.ToCode(program.OptOut)}";
            yield return new DisclosureProblem(DisclosureCodes.OptOutContradicted, null, null, $"The text promises an opt-out, but {by}: a promise the records do not keep.");
        }
        else if (reading.OptOut != OptOutDisclosure.Described && recordOffers)
        {
            yield return new DisclosureProblem(DisclosureCodes.OptOutNotInText, null, null,
                "The records say an opt-out is offered, but the text workers read does not describe one they can use.");
        }

        if (reading.OptOut == OptOutDisclosure.Absent && AboutTraining(notice, reading, configs) && !recordOffers)
        {
            yield return new DisclosureProblem(DisclosureCodes.OptOutAbsent, null, null,
                "The text, the notice record or a config under it speaks of AI training, and the text offers no way out.");
        }
    }

    /// <summary>The text, the notice record or a config under the notice speaks of AI training.</summary>
    private static bool AboutTraining(NoticeInfo notice, DisclosureReading reading, IReadOnlyList<ConfigInfo> configs) =>
        reading.AiTraining == AiTrainingDisclosure.Specific || reading.Problems.Any(p => p.Code == DisclosureCodes.HedgedAiTraining)
        || notice.Purposes.HasFlag(Purpose.AiTraining) || configs.Any(c => c.ForAiTraining);

    private static int Pop(Capability c) => System.Numerics.BitOperations.PopCount((uint)c);
}
