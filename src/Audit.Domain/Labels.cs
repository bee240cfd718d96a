namespace Audit.Domain;

/// <summary>
/// The words a reader sees for the vocabulary codes: "click coordinates" for <c>click_coordinates</c>, "AI training"
/// for <c>ai_training</c>. Files, the database and the API keep the codes; reports, titles and evidence print these,
/// and the report's glossary gives both.
/// </summary>
public static class Labels
{
    /// <summary>The codes the glossary explains, capabilities then purposes, in the vocabularies' order.</summary>
    public static IReadOnlyList<(string Code, string Label, string Meaning)> Glossary { get; } =
    [
        ("keystrokes", "keystrokes", "the keys a worker types"),
        ("mouse_movement", "mouse movement", "the pointer's path across the screen"),
        ("click_coordinates", "click coordinates", "where on the screen each click lands"),
        ("scroll_velocity", "scroll speed", "how fast and how far a worker scrolls"),
        ("window_text", "window text", "the text shown in the windows a worker uses"),
        ("ui_hierarchy", "UI structure", "the tree of buttons, fields and menus on screen (accessibility tree)"),
        ("screenshots", "screenshots", "images of the screen at an interval"),
        ("audio", "audio", "microphone recordings"),
        ("webcam", "webcam", "camera images of the worker"),
        ("security", "security", "protecting systems and data (DLP, incident response)"),
        ("compliance", "compliance", "meeting legal and regulatory duties"),
        ("productivity", "productivity", "measuring how work is done"),
        ("ai_training", "AI training", "using the data to train AI models"),
    ];

    private static readonly Dictionary<string, (string Label, string Meaning)> Known =
        Glossary.ToDictionary(g => g.Code, g => (g.Label, g.Meaning), StringComparer.Ordinal);

    /// <summary>The reader's word for a code; an unknown code is printed as it is.</summary>
    public static string Of(string code) => Known.TryGetValue(code, out var k) ? k.Label : code;

    /// <summary>What a code means, for the glossary; null for a code it does not know.</summary>
    public static string? Meaning(string code) => Known.TryGetValue(code, out var k) ? k.Meaning : null;

    /// <summary>A set as words in its fixed order: "click coordinates, UI structure".</summary>
    public static string Set<T>(T set)
        where T : struct, Enum => List(Codes.ToCodeSet(set));

    /// <summary>A ';'- or ','-separated list of codes as words: "productivity, AI training".</summary>
    public static string List(string? codes) =>
        string.Join(", ", (codes ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Of));
}
