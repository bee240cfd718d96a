namespace Audit.Rules;

/// <summary>
/// Rule 10, the disclosure reader's: a batch reaches training, captured while the notice in force for its tool or
/// program had a text that is vague or silent about AI training, or that never names a capability the config
/// captured. The text is read as workers read it (<see cref="DisclosureReader"/>), not as the notice record says. Of the
/// notices in force at capture (one per series of the config), a notice whose text is not imported counts by its
/// record; where none has a text, R10 has nothing to read and says nothing. One finding per notice whose text falls
/// short; its acts are the batches, so a batch R2 also holds is one act for the exposure theories both feed.
/// </summary>
public sealed class R10DisclosureDoesNotSayIt : IAuditRule
{
    private readonly FindingSet _findings = new();
    private readonly Dictionary<string, DisclosureReading> _readings = new(StringComparer.Ordinal);
    private readonly Dictionary<ConfigInfo, (DateOnly[] From, Shortfall?[] Verdict)> _byConfig = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FindingBuilder, Capability> _notNamed = new(ReferenceEqualityComparer.Instance);
    private readonly Labels<ConfigInfo> _under = new(static c => $"batches under {c.Key}", ReferenceEqualityComparer.Instance);

    /// <summary>Why the texts in force fall short for a config over one stretch of days.</summary>
    private sealed record Shortfall(NoticeInfo Notice, DisclosureReading Reading, bool TrainingUnsaid, Capability NotNamed);

    public RuleCode Code => RuleCode.R10;

    public void Prepare(ScanContext context)
    {
        var snapshot = context.Snapshot;
        foreach (var (id, text) in snapshot.NoticeTexts)
        {
            _readings[id] = DisclosureReader.Read(text, context.Settings.Disclosures);
        }

        if (_readings.Count == 0)
        {
            return;
        }

        foreach (var config in snapshot.Configs.Values)
        {
            // The notices in force change only on the days a version of the config's series is published.
            var series = config.NoticeSeries().ToList();
            var days = snapshot.Notices.Where(n => series.Contains(n.Series, StringComparer.Ordinal)).Select(n => n.PublishedOn).Distinct().Order().ToArray();
            _byConfig[config] = (days, [.. days.Select(day => Judge(config, snapshot.NoticesInForce(config, day)))]);
        }
    }

    private Shortfall? Judge(ConfigInfo config, IReadOnlyList<NoticeInfo> inForce)
    {
        var read = inForce.Where(n => _readings.ContainsKey(n.NoticeId)).ToList();
        if (read.Count == 0)
        {
            return null;
        }

        // A notice without a text counts by its record; the program's notice is the one a finding names first.
        var said = inForce.Any(n => _readings.TryGetValue(n.NoticeId, out var r) ? r.AiTraining == AiTrainingDisclosure.Specific : n.Purposes.HasFlag(Purpose.AiTraining));
        var named = inForce.Aggregate(Capability.None, (all, n) => all | (_readings.TryGetValue(n.NoticeId, out var r) ? r.Capabilities : n.Capabilities));
        var notNamed = config.Capabilities & ~named;
        if (said && notNamed == Capability.None)
        {
            return null;
        }

        var subject = read.OrderBy(n => n.ProgramId is null ? 1 : 0)
            .First(n => !said ? _readings[n.NoticeId].AiTraining != AiTrainingDisclosure.Specific : (config.Capabilities & ~_readings[n.NoticeId].Capabilities) != Capability.None);
        return new Shortfall(subject, _readings[subject.NoticeId], !said, notNamed);
    }

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is null || !_byConfig.TryGetValue(batch.Config, out var table))
        {
            return;
        }

        var day = DateOnly.FromDateTime(batch.CapturedFrom);
        var at = Array.BinarySearch(table.From, day);
        at = at >= 0 ? at : ~at - 1;
        if (at < 0 || table.Verdict[at] is not { } shortfall)
        {
            return;
        }

        var finding = _findings.Get(Code, "notice", shortfall.Notice.NoticeId, Severity.High, shortfall,
            static s => s.TrainingUnsaid
                ? $"Captures reach training under {s.Notice.NoticeId}, whose text does not say AI training"
                : $"Captures reach training under {s.Notice.NoticeId}, whose text does not name all that is captured");
        finding.AddBatch(batch);
        finding.Count(_under[batch.Config]);
        finding.EscalateIfCommercial(batch);
        if (!finding.HasEvidence("notice"))
        {
            Describe(finding, shortfall);
        }

        _notNamed[finding] = _notNamed.GetValueOrDefault(finding) | shortfall.NotNamed;
    }

    private static void Describe(FindingBuilder finding, Shortfall shortfall)
    {
        var reading = shortfall.Reading;
        finding.Evidence("notice", shortfall.Notice.Describe());
        finding.Evidence("textSha256", reading.Sha256);
        finding.Evidence("aiTraining", Codes.ToCode(reading.AiTraining));
        finding.Evidence("optOut", Codes.ToCode(reading.OptOut));
        finding.Evidence("textNames", reading.Capabilities == Capability.None ? "no capability" : Codes.ToCodeSet(reading.Capabilities));
        // The sentences that leave AI training unsaid (catch-alls, hedges, denials); a text that says it but leaves out a capability has none to quote.
        var quotes = (shortfall.TrainingUnsaid ? reading.TrainingProblems : []).Where(p => p.Quote is not null).Take(5)
            .Select(p => (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create($"¶{p.Paragraph}: {p.Quote}")).ToArray();
        if (quotes.Length > 0)
        {
            finding.Evidence("quotes", new System.Text.Json.Nodes.JsonArray(quotes));
        }

        finding.Evidence("rule", "The text in force at capture is read as workers read it: only a plain sentence that recordings train AI, naming what is captured, discloses training use.");
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            var notNamed = _notNamed.GetValueOrDefault(finding);
            if (notNamed != Capability.None)
            {
                finding.Evidence("notNamed", Codes.ToCodeSet(notNamed));
            }

            yield return finding;
        }
    }
}
