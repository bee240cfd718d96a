using Audit.Reports.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Audit.Reports.Pdf;

/// <summary>Fonts and colours shared by the PDF renderers.</summary>
internal static class PdfTheme
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    public static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    public static readonly XColor Accent = XColor.FromArgb(31, 78, 121);
    public static readonly XColor HeaderFill = XColor.FromArgb(217, 225, 242);
    public static readonly XColor StripeFill = XColor.FromArgb(245, 247, 250);
    public static readonly XColor Rule = XColor.FromArgb(200, 205, 212);
    public static readonly XColor Warning = XColor.FromArgb(183, 28, 28);

    public static void ApplyOutputOptions(PdfDocument document)
    {
        // PDFsharp 6.2.4's deflated content streams end without a clean zlib trailer, which `qpdf --check`
        // reports; text and vector content is small, so it is stored uncompressed (fonts stay compressed).
        document.Options.CompressContentStreams = false;
    }

    public static XFont Font(double size, bool bold = false, bool italic = false)
    {
        ReportFonts.EnsureInstalled();
        var style = (bold, italic) switch
        {
            (true, true) => XFontStyleEx.BoldItalic,
            (true, false) => XFontStyleEx.Bold,
            (false, true) => XFontStyleEx.Italic,
            _ => XFontStyleEx.Regular,
        };
        return new XFont(ReportFontResolver.FamilyName, size, style, Unicode);
    }

    public static XColor SeverityColor(Severity severity) => severity switch
    {
        Severity.Critical => XColor.FromArgb(183, 28, 28),
        Severity.High => XColor.FromArgb(230, 81, 0),
        Severity.Medium => XColor.FromArgb(215, 160, 20),
        _ => XColor.FromArgb(96, 125, 139),
    };
}
