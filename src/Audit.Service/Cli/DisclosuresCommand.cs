using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Audit.Rules;
using Audit.Service.Data;
using Audit.Service.Disclosures;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// `audit disclosures review [--notice ID] [--as-of DATE] [--json]`: what each notice's text says of AI training, the
/// opt-out, consent, past data and the capabilities it names, and every problem with the sentence that shows it. Exit
/// 64 for a notice id no notice has (a typo never widens the review to all of them), 78 for a lexicon that is not valid.
/// </summary>
internal sealed class DisclosuresReviewCommand(Migrator migrator, DisclosureService disclosures) : AsyncCommand<DisclosuresReviewCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--notice <ID>")]
        [Description("Only this notice version (its notice id, as in notices.csv).")]
        public string? Notice { get; init; }

        [CommandOption("--as-of <DATE>")]
        [Description("Review the notices published by this day (yyyy-MM-dd; default: today, UTC).")]
        public string? AsOf { get; init; }

        [CommandOption("--json")]
        [Description("Print {\"notices\":[{\"noticeId\",\"version\",\"aiTraining\",\"optOut\",\"capabilities\",\"problems\":[...]}]}.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (Notice is { } id && string.IsNullOrWhiteSpace(id))
            {
                return ValidationResult.Error("--notice: give a notice id");
            }

            return AsOf is null || DateOnly.TryParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--as-of: '{AsOf}' is not a date (yyyy-MM-dd)");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        DateOnly? asOf = settings.AsOf is null ? null : DateOnly.ParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        DisclosureReviewView review;
        try
        {
            review = await disclosures.ReviewAsync(settings.Notice, asOf, cancellationToken);
        }
        catch (UnknownNoticeException ex)
        {
            await Console.Error.WriteLineAsync($"audit: --notice: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (settings.Json)
        {
            Console.Write(JsonSerializer.Serialize(new Apis.DisclosureDocument(review.AsOf, review.Notices), CliApp.ApiJson) + "\n");
            return ExitCodes.Ok;
        }

        if (review.Notices.Count == 0)
        {
            Console.WriteLine($"No notice was published by {review.AsOf:yyyy-MM-dd}.");
            return ExitCodes.Ok;
        }

        foreach (var n in review.Notices)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(n.NoticeId)}[/] (version {Markup.Escape(n.Version)}, published {n.PublishedOn:yyyy-MM-dd}, {Markup.Escape(n.Series)})");
            if (n.TextSha256 is null)
            {
                Console.WriteLine("  no text imported: `import notice-texts` the text workers read.");
            }
            else
            {
                Console.WriteLine($"  text {n.FileName}, SHA-256 {n.TextSha256}");
                Console.WriteLine($"  AI training: {n.AiTraining}; opt-out: {n.OptOut}; consent: {n.Consent}; claims past data: {(n.ClaimsPastData == true ? "yes" : "no")}");
                Console.WriteLine($"  names: {(n.Capabilities.Count == 0 ? "no capability" : string.Join(", ", n.Capabilities))}");
            }

            if (n.CapturedUnderIt.Count > 0)
            {
                Console.WriteLine($"  configs while in force: {string.Join(", ", n.CapturedUnderIt)}");
            }

            foreach (var p in n.Problems.Where(p => p.Code != DisclosureCodes.NoText))
            {
                Console.WriteLine($"  - {p.Code}{(p.Paragraph is { } k ? $" (¶{k})" : string.Empty)}: {p.Explanation}");
                if (p.Quote is not null)
                {
                    Console.WriteLine($"      \"{p.Quote}\"");
                }
            }

            Console.WriteLine();
        }

        return ExitCodes.Ok;
    }
}
