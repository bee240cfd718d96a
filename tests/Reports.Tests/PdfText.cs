using UglyToad.PdfPig;

namespace Audit.Reports.Tests;

/// <summary>Reads a rendered PDF back with PdfPig: text per page (words joined by single spaces) and bookmarks.</summary>
internal sealed class PdfText
{
    private PdfText(IReadOnlyList<string> pages, IReadOnlyList<string> bookmarks, string? title, string? author)
    {
        Pages = pages;
        Bookmarks = bookmarks;
        Title = title;
        Author = author;
    }

    public IReadOnlyList<string> Pages { get; }

    public IReadOnlyList<string> Bookmarks { get; }

    public string? Title { get; }

    public string? Author { get; }

    public string All => string.Join("\n", Pages);

    public static PdfText Read(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var pages = doc.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        var bookmarks = new List<string>();
        if (doc.TryGetBookmarks(out var tree))
        {
            bookmarks.AddRange(tree.GetNodes().Select(n => n.Title));
        }

        return new PdfText(pages, bookmarks, doc.Information.Title, doc.Information.Author);
    }
}
