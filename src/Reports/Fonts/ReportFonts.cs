using PdfSharp.Fonts;

namespace Audit.Reports.Fonts;

/// <summary>
/// Serves the embedded DejaVu fonts to PDFsharp, which finds no system fonts on Linux. Every family name maps to
/// DejaVu Sans so a stray "Arial" in a renderer still works instead of throwing.
/// </summary>
public sealed class ReportFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private const string Oblique = "DejaVuSans-Oblique";

    private static readonly object Gate = new();
    private static readonly Dictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => new FontResolverInfo(Bold, mustSimulateBold: false, mustSimulateItalic: true),
        (true, false) => new FontResolverInfo(Bold),
        (false, true) => new FontResolverInfo(Oblique),
        _ => new FontResolverInfo(Regular),
    };

    public byte[]? GetFont(string faceName)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(faceName, out var bytes))
            {
                var name = $"Audit.Reports.Fonts.{faceName}.ttf";
                using var stream = typeof(ReportFontResolver).Assembly.GetManifestResourceStream(name)
                    ?? throw new InvalidOperationException($"Embedded font resource '{name}' is missing.");
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                Cache[faceName] = bytes;
            }

            return bytes;
        }
    }
}

/// <summary>Installs <see cref="ReportFontResolver"/> once per process; PDFsharp's setting is global.</summary>
public static class ReportFonts
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref _installed))
        {
            return;
        }

        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            // The host may have installed its own resolver; keep it rather than fight over a global.
            GlobalFontSettings.FontResolver ??= new ReportFontResolver();
            Volatile.Write(ref _installed, true);
        }
    }
}
