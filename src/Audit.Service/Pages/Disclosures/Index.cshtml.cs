using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Disclosures;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Disclosures;

/// <summary>
/// The notices as workers read them, for compliance and counsel: each text with the phrases the reader found marked
/// (capabilities, AI training, catch-alls, hedges, negations, opt-outs), its verdicts beside it, and each problem
/// with the sentence that shows it. Read-only; <c>?notice=ID</c> for one notice.
/// </summary>
public sealed class IndexModel(DisclosureService disclosures) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public string? Error { get; private set; }

    public DisclosureReviewView? Review { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var notice = string.IsNullOrWhiteSpace(Notice) ? null : Notice.Trim();
        if (notice is { Length: > 64 })
        {
            Error = "notice: a notice id has at most 64 characters.";
            return;
        }

        try
        {
            Review = await disclosures.ReviewAsync(notice, cancellationToken: cancellationToken);
        }
        catch (UnknownNoticeException ex)
        {
            Error = "notice: " + ex.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (ConfigurationException ex)
        {
            Error = $"An administrator must fix {ex.Message}";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    /// <summary>One stretch of a paragraph: plain text, or a phrase the reader found (its kind, and whether a negation turned it).</summary>
    public sealed record Segment(string Text, string? Kind, bool Negated, string? Title);

    /// <summary>The paragraph cut into plain and marked stretches; where phrases overlap, the first and longest is marked.</summary>
    public static IEnumerable<Segment> Segments(MarkedParagraph paragraph)
    {
        var at = 0;
        foreach (var mark in paragraph.Marks.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            if (mark.Start < at || mark.Start + mark.Length > paragraph.Text.Length)
            {
                continue;
            }

            if (mark.Start > at)
            {
                yield return new Segment(paragraph.Text[at..mark.Start], null, false, null);
            }

            var title = mark.Key is null ? KindLabel(mark.Kind) : $"{KindLabel(mark.Kind)}: {mark.Key}";
            yield return new Segment(paragraph.Text.Substring(mark.Start, mark.Length), mark.Kind, mark.Negated, mark.Negated ? title + " (negated)" : title);
            at = mark.Start + mark.Length;
        }

        if (at < paragraph.Text.Length)
        {
            yield return new Segment(paragraph.Text[at..], null, false, null);
        }
    }

    /// <summary>The paragraph as HTML: plain stretches encoded, each phrase in a <c>mark</c> whose class says its kind, with no whitespace added between them.</summary>
    public static IHtmlContent Marked(MarkedParagraph paragraph)
    {
        var html = new HtmlContentBuilder();
        foreach (var s in Segments(paragraph))
        {
            if (s.Kind is null)
            {
                html.Append(s.Text);
                continue;
            }

            var css = s.Kind switch
            {
                LexiconKinds.Ai or LexiconKinds.AiTraining => LexiconKinds.Training,
                LexiconKinds.Hedge => LexiconKinds.CatchAll,
                LexiconKinds.Separate => LexiconKinds.Bundled,
                var kind => kind,
            };
            html.AppendHtml($"<mark class=\"lx lx-{css}{(s.Negated ? " negated" : string.Empty)}\" title=\"{HtmlEncoder.Default.Encode(s.Title ?? string.Empty)}\">");
            html.Append(s.Text);
            html.AppendHtml("</mark>");
        }

        return html;
    }

    public static string KindLabel(string kind) => kind switch
    {
        LexiconKinds.Capability => "capability",
        LexiconKinds.Purpose => "purpose",
        LexiconKinds.Training or LexiconKinds.Ai or LexiconKinds.AiTraining => "AI training",
        LexiconKinds.CatchAll => "catch-all",
        LexiconKinds.Hedge => "hedge",
        LexiconKinds.Negation => "negation",
        LexiconKinds.OptOut => "opt-out",
        LexiconKinds.NotReal => "not a real opt-out",
        LexiconKinds.Bundled => "bundled consent",
        LexiconKinds.Separate => "separate consent",
        LexiconKinds.PastData or LexiconKinds.PastDeleted => "past data",
        _ => kind,
    };

    /// <summary>The CSS class of a verdict: good, doubtful or bad, for the badge beside it.</summary>
    public static string Tone(string? verdict) => verdict switch
    {
        "specific" or "described" or "separate" => "good",
        "vague" or "not_stated" => "doubtful",
        null => "none",
        _ => "bad",
    };
}
