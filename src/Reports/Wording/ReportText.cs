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

    private ReportText(string method, Dictionary<RuleCode, RuleText> rules, ExemptionText exemption)
    {
        Method = method;
        _rules = rules;
        Exemption = exemption;
    }

    public string Method { get; }

    /// <summary>What a top risk says of an EU exemption with no written rationale: not a count of people, a missing document.</summary>
    public ExemptionText Exemption { get; }

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
                || string.IsNullOrWhiteSpace(text.Board) || string.IsNullOrWhiteSpace(text.Decision))
            {
                throw new InvalidDataException($"Report text file lacks intro, remediation, board or decision text for {code}.");
            }

            rules[code] = text;
        }

        var exemption = file.ExemptionWithoutRationale;
        if (exemption is null || string.IsNullOrWhiteSpace(exemption.Board) || string.IsNullOrWhiteSpace(exemption.Also) || string.IsNullOrWhiteSpace(exemption.Decision)
            || !exemption.Board.Contains("{programs}", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Report text file lacks 'exemptionWithoutRationale' with board (naming {programs}), also and decision text.");
        }

        return new ReportText(file.Method, rules, exemption);
    }

    public string Intro(RuleCode code) => _rules[code].Intro;

    public string Remediation(RuleCode code) => _rules[code].Remediation;

    /// <summary>The decision a top risk asks of the board, or the owner who must act on it.</summary>
    public string Decision(RuleCode code) => _rules[code].Decision;

    /// <summary>The board sentence with <c>{workers}</c> filled in, masked below 5 like every board count.</summary>
    public string BoardSentence(RuleCode code, int affectedWorkers) => RiskSentence(code, CountFormatter.Masked(affectedWorkers));

    /// <summary>The risk sentence with <c>{workers}</c> filled in as given (the monthly report prints exact counts).</summary>
    public string RiskSentence(RuleCode code, string workers) =>
        _rules[code].Board.Replace("{workers}", workers, StringComparison.Ordinal);

    public sealed record RuleText(string Intro, string Remediation, string Board, string Decision);

    /// <param name="Board">The risk sentence when the exemption's only finding is its missing rationale; names <c>{programs}</c>.</param>
    /// <param name="Also">Added to the EU-exemption risk sentence when the exemption also lacks its rationale.</param>
    /// <param name="Decision">The owner and the action.</param>
    public sealed record ExemptionText(string Board, string Also, string Decision);

    private sealed record FileShape(
        [property: JsonPropertyName("method")] string? Method,
        [property: JsonPropertyName("rules")] Dictionary<string, RuleText>? Rules,
        [property: JsonPropertyName("exemptionWithoutRationale")] ExemptionText? ExemptionWithoutRationale);
}
