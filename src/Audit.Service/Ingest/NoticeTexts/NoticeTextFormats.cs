using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Audit.Service.Ingest.NoticeTexts;

/// <summary>Why a notice file cannot be read; the message names no file (the importer adds it).</summary>
public sealed class NoticeTextFormatException(string message) : Exception(message);

/// <summary>
/// Turns a notice file into its paragraphs, as a reader sees them: Markdown (Markdig: paragraphs, headings and list
/// items), plain text (blank lines part paragraphs), HTML (AngleSharp: the innermost text blocks, scripts and styles
/// left out), Word .docx (the Open XML SDK: the document's paragraphs, tables included) and PDF (PdfPig: lines grouped
/// into paragraphs by the gaps between them; a PDF with no text layer is refused). Whitespace is collapsed.
/// </summary>
public static partial class NoticeTextFormats
{
    public static readonly IReadOnlyList<string> Extensions = [".md", ".txt", ".html", ".htm", ".docx", ".pdf"];

    /// <summary>The format code stored with a text (the extension without its dot; .htm is html).</summary>
    public static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".htm" => "html",
        var ext => ext.TrimStart('.'),
    };

    public static IReadOnlyList<string> Paragraphs(string path, byte[] bytes)
    {
        var paragraphs = FormatOf(path) switch
        {
            "md" => Markdown(Utf8(bytes)),
            "txt" => PlainText(Utf8(bytes)),
            "html" => Html(Utf8(bytes)),
            "docx" => Word(bytes),
            "pdf" => Pdf(bytes),
            var other => throw new NoticeTextFormatException($"'.{other}' is not a notice format: expected one of {string.Join(", ", Extensions)}"),
        };

        var kept = paragraphs.Select(Collapse).Where(p => p.Any(char.IsLetterOrDigit)).ToList();
        return kept.Count > 0 ? kept : throw new NoticeTextFormatException("holds no text: a notice needs at least one paragraph");
    }

    private static string Utf8(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new NoticeTextFormatException($"is not UTF-8 text (invalid bytes at offset {e.Index}): save it as UTF-8");
        }
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"[\s\u00a0]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n")]
    private static partial Regex BlankLine();

    private static IEnumerable<string> PlainText(string text) => BlankLine().Split(text);

    private static IEnumerable<string> Markdown(string text)
    {
        var document = Markdig.Markdown.Parse(text, new MarkdownPipelineBuilder().Build());
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block.Inline is { } inline)
            {
                var builder = new StringBuilder();
                Append(inline, builder);
                yield return builder.ToString();
            }
            else if (block is CodeBlock code)
            {
                yield return code.Lines.ToString();
            }
        }
    }

    private static void Append(Inline inline, StringBuilder builder)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case LineBreakInline:
                builder.Append(' ');
                break;
            case AutolinkInline link:
                builder.Append(link.Url);
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, builder);
                }

                break;
        }
    }

    private static readonly string[] HtmlBlocks = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "dd", "dt", "pre", "div", "section", "article", "caption", "figcaption"];

    private static IEnumerable<string> Html(string text)
    {
        var document = new HtmlParser().ParseDocument(text);
        foreach (var hidden in document.QuerySelectorAll("script, style, noscript, template, head").ToList())
        {
            hidden.Remove();
        }

        var selector = string.Join(", ", HtmlBlocks);
        var blocks = document.QuerySelectorAll(selector).Where(e => e.QuerySelector(selector) is null).ToList();
        if (blocks.Count == 0)
        {
            return PlainText(document.Body?.TextContent ?? string.Empty);
        }

        return blocks.Select(e => e.TextContent);
    }

    /// <summary>What a .docx may unpack to: a handbook is a few megabytes; a small zip that unpacks to gigabytes is refused unread.</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    private static IEnumerable<string> Word(byte[] bytes)
    {
        var paragraphs = new List<string>();
        try
        {
            using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read))
            {
                var unpacked = zip.Entries.Sum(e => e.Length);
                if (unpacked > MaxUnpackedBytes)
                {
                    throw new NoticeTextFormatException($"unpacks to {unpacked:N0} bytes, more than a notice text may ({MaxUnpackedBytes:N0}): refused unread".ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new NoticeTextFormatException("is a package without a Word document body: not a .docx");
            foreach (var paragraph in body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
            {
                var builder = new StringBuilder();
                foreach (var element in paragraph.Descendants())
                {
                    switch (element)
                    {
                        case DocumentFormat.OpenXml.Wordprocessing.Text t:
                            builder.Append(t.Text);
                            break;
                        case DocumentFormat.OpenXml.Wordprocessing.TabChar or DocumentFormat.OpenXml.Wordprocessing.Break:
                            builder.Append(' ');
                            break;
                    }
                }

                paragraphs.Add(builder.ToString());
            }
        }
        catch (Exception e) when (e is not NoticeTextFormatException and not OutOfMemoryException)
        {
            throw new NoticeTextFormatException($"is not a Word document (.docx): {e.GetType().Name}: {e.Message.TrimEnd('.')}");
        }

        return paragraphs;
    }

    private static IEnumerable<string> Pdf(byte[] bytes)
    {
        var paragraphs = new List<string>();
        try
        {
            using var document = PdfDocument.Open(bytes);
            var letters = 0;
            foreach (var page in document.GetPages())
            {
                var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
                letters += words.Sum(w => w.Text.Length);
                paragraphs.AddRange(PdfParagraphs(words));
            }

            if (letters == 0)
            {
                throw new NoticeTextFormatException("is a PDF without a text layer (a scan or an image): export it with its text, or run OCR on it first");
            }
        }
        catch (Exception e) when (e is not NoticeTextFormatException and not OutOfMemoryException)
        {
            throw new NoticeTextFormatException($"is not a readable PDF: {e.GetType().Name}: {e.Message.TrimEnd('.')}");
        }

        return paragraphs;
    }

    /// <summary>Words into lines (same baseline), lines into paragraphs: a gap well above the page's usual line spacing starts one.</summary>
    private static IEnumerable<string> PdfParagraphs(List<Word> words)
    {
        var lines = new List<(double Baseline, double Height, List<Word> Words)>();
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            var line = lines.Count > 0 && Math.Abs(lines[^1].Baseline - word.BoundingBox.Bottom) <= Math.Max(2, word.BoundingBox.Height * 0.3) ? lines[^1] : default;
            if (line.Words is null)
            {
                lines.Add((word.BoundingBox.Bottom, word.BoundingBox.Height, [word]));
            }
            else
            {
                line.Words.Add(word);
            }
        }

        var gaps = lines.Zip(lines.Skip(1), (a, b) => a.Baseline - b.Baseline).Where(g => g > 0).Order().ToList();
        var usual = gaps.Count > 0 ? gaps[gaps.Count / 2] : 0;
        var paragraph = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 && usual > 0 && lines[i - 1].Baseline - lines[i].Baseline > usual * 1.4)
            {
                yield return paragraph.ToString();
                paragraph.Clear();
            }

            var text = string.Join(' ', lines[i].Words.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
            if (paragraph.Length > 0 && paragraph[^1] == '-' && text.Length > 0 && char.IsLower(text[0]))
            {
                paragraph.Length--;
            }
            else if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(text);
        }

        if (paragraph.Length > 0)
        {
            yield return paragraph.ToString();
        }
    }
}
