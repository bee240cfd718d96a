using System.Text.Json.Serialization;
using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Scanning;
using Microsoft.Extensions.Options;

namespace Audit.Service.Disclosures;

/// <summary>A notice id no notice published by the day has: refused, never read as "every notice".</summary>
public sealed class UnknownNoticeException(string message) : Exception(message);

/// <summary>What the disclosures review says, as the CLI's <c>--json</c>, the API and the web page carry it.</summary>
public sealed record DisclosureReviewView(DateOnly AsOf, IReadOnlyList<NoticeReviewView> Notices);

/// <summary>One notice version: its verdicts (null when no text is imported) and every problem, quoted where a sentence says it.</summary>
public sealed record NoticeReviewView(
    string NoticeId,
    string Version,
    string Series,
    DateOnly PublishedOn,
    string? TextSha256,
    string? FileName,
    string? AiTraining,
    string? OptOut,
    string? Consent,
    bool? ClaimsPastData,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> CapturedUnderIt,
    IReadOnlyList<DisclosureProblem> Problems)
{
    /// <summary>The paragraphs with the phrases the reader found (the web page marks them); not in the JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<MarkedParagraph> Paragraphs { get; init; } = [];
}

/// <summary>A paragraph of a notice and the phrases in it, with offsets in the paragraph.</summary>
public sealed record MarkedParagraph(int Number, string Text, IReadOnlyList<PhraseMatch> Marks);

/// <summary>
/// The disclosures review: every notice published by the day asked (today by default), read with the lexicon and held
/// against the configs, programs and notice records (<see cref="DisclosureReview"/>). Reads the notice facts only, not the
/// workforce, so it costs the same at any size.
/// </summary>
public sealed class DisclosureService(Database database, IOptions<AuditOptions> options)
{
    public async Task<DisclosureReviewView> ReviewAsync(string? noticeId = null, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var day = asOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var lexicon = options.Value.ToRuleSettings().Disclosures;
        await using var connection = await database.OpenAsync(cancellationToken);
        var snapshot = await SnapshotReader.ReadNoticesAsync(database, connection, day, cancellationToken);
        if (noticeId is not null && snapshot.Notices.All(n => n.NoticeId != noticeId))
        {
            var known = snapshot.Notices.Select(n => n.NoticeId).Order(StringComparer.Ordinal).ToList();
            throw new UnknownNoticeException($"no notice '{noticeId}' published by {day:yyyy-MM-dd}{(known.Count > 0 ? $"; the notices are: {string.Join(", ", known)}" : string.Empty)}");
        }

        return new DisclosureReviewView(day, [.. DisclosureReview.Review(snapshot, lexicon, noticeId).Select(View)]);
    }

    public static NoticeReviewView View(NoticeReview review)
    {
        var n = review.Notice;
        var reading = review.Reading;
        var marks = reading?.Sentences.GroupBy(s => s.Paragraph).ToDictionary(g => g.Key, g => g.SelectMany(s => s.Matches.Select(m => m with { Start = m.Start + s.Start })).ToList());
        return new NoticeReviewView(
            n.NoticeId, n.Version, n.Series, n.PublishedOn, review.Text?.Sha256, review.Text?.FileName,
            reading is null ? null : Codes.ToCode(reading.AiTraining),
            reading is null ? null : Codes.ToCode(reading.OptOut),
            reading is null ? null : Codes.ToCode(reading.Consent),
            reading?.ClaimsPastData,
            reading is null ? [] : [.. Codes.Split(Codes.ToCodeSet(reading.Capabilities))],
            [.. review.Configs.Select(c => c.Key)],
            review.Problems)
        {
            Paragraphs = review.Text is null ? [] : [.. review.Text.Paragraphs.Select(p => new MarkedParagraph(p.Number, p.Text, marks!.GetValueOrDefault(p.Number) ?? []))],
        };
    }
}
