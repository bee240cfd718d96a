using System.Text.Json;
using System.Text.Json.Serialization;
using Audit.Reports.Models;

namespace Audit.Reports.Wording;

/// <summary>
/// Editable wording from <c>templates/report-text.json</c>. The service loads it and copies the text into the
/// report models (rule intros and remediation, appendix method, board risk sentences); renderers never read it themselves, so a
/// rendered report depends on its model alone.
/// </summary>
public sealed class ReportText
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<RuleCode, RuleText> _rules;

    private ReportText(string method, Dictionary<RuleCode, RuleText> rules)
    {
        Method = method;
        _rules = rules;
    }

    public string Method { get; }

    public static async Task<ReportText> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await LoadAsync(stream, cancellationToken);
    }

    public static async Task<ReportText> LoadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        var file = await JsonSerializer.DeserializeAsync<FileShape>(json, JsonOptions, cancellationToken)
            ?? throw new InvalidDataException("Report text file is empty.");
        if (string.IsNullOrWhiteSpace(file.Method))
        {
            throw new InvalidDataException("Report text file has no 'method' text.");
        }

        var rules = new Dictionary<RuleCode, RuleText>();
        foreach (var code in RuleCatalog.All)
        {
            // A missing rule fails loudly here rather than printing an empty section in a report.
            if (file.Rules is null || !file.Rules.TryGetValue(code.ToString(), out var text)
                || string.IsNullOrWhiteSpace(text.Intro) || string.IsNullOrWhiteSpace(text.Remediation)
                || string.IsNullOrWhiteSpace(text.Board))
            {
                throw new InvalidDataException($"Report text file lacks intro, remediation or board text for {code}.");
            }

            rules[code] = text;
        }

        return new ReportText(file.Method, rules);
    }

    public string Intro(RuleCode code) => _rules[code].Intro;

    public string Remediation(RuleCode code) => _rules[code].Remediation;

    /// <summary>The board sentence with <c>{workers}</c> filled in, masked below 5 like every board count.</summary>
    public string BoardSentence(RuleCode code, int affectedWorkers) =>
        _rules[code].Board.Replace("{workers}", CountFormatter.Masked(affectedWorkers), StringComparison.Ordinal);

    public sealed record RuleText(string Intro, string Remediation, string Board);

    private sealed record FileShape(
        [property: JsonPropertyName("method")] string? Method,
        [property: JsonPropertyName("rules")] Dictionary<string, RuleText>? Rules);
}
