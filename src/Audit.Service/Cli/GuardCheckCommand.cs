using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Audit.Service.Data;
using Audit.Service.Guard;
using Audit.Service.Security;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// `audit guard check`: the guard's decision for pipelines without HTTP. Exit 0 allow, 77 deny (and
/// allow_with_exclusions, unless --exclusions FILE is given, which writes the batches to leave out), 64 bad options.
/// </summary>
internal sealed class GuardCheckCommand(Migrator migrator, GuardService guard) : AsyncCommand<GuardCheckCommand.Settings>
{
    /// <summary>EX_NOPERM: the flow may not run as asked.</summary>
    public const int Denied = 77;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--job <NS/NAME>")]
        [Description("The job that would run, as OpenLineage names it (namespace/name).")]
        public string? Job { get; init; }

        [CommandOption("--input <NS/NAME>")]
        [Description("A dataset the job reads; repeat for several.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--output <NS/NAME>")]
        [Description("A dataset the job writes; repeat for several.")]
        public string[] Outputs { get; init; } = [];

        [CommandOption("--purpose <P>")]
        [Description("security, compliance, productivity (or analytics) or ai_training.")]
        public string? Purpose { get; init; }

        [CommandOption("--as-of <INSTANT>")]
        [Description("Decide as of this instant (ISO 8601 with an offset) or the end of this day (yyyy-MM-dd); default now.")]
        public string? AsOf { get; init; }

        [CommandOption("--json")]
        [Description("Print the decision as the API answers it.")]
        public bool Json { get; init; }

        [CommandOption("--exclusions <FILE>")]
        [Description("Write the batches to leave out as CSV; allow_with_exclusions then exits 0.")]
        public string? Exclusions { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        ProposedFlow flow;
        try
        {
            flow = await ReadFlowAsync(settings, cancellationToken);
        }
        catch (FlowRequestException ex)
        {
            throw new UsageException(ex.Message);
        }

        var record = await guard.DecideAsync(flow, new Caller($"os user {AuditLog.Actor}", Role.Admin), GuardService.SourceCli, "guard check", cancellationToken);
        var view = GuardDecisionView.Of(record);
        var withExclusions = record.Decision == Codes.ToCode(GuardAnswer.AllowWithExclusions);
        if (withExclusions && settings.Exclusions is { } file)
        {
            var batches = await guard.ExclusionsAsync(record.DecisionId, cancellationToken);
            var temporary = file + ".partial";
            await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)) { NewLine = "\r\n" })
            {
                ExclusionsCsv.Write(writer, batches);
            }

            File.Move(temporary, file, overwrite: true);
        }

        Console.Write(settings.Json ? JsonSerializer.Serialize(view, CliApp.ApiJson) + "\n" : Text(view, withExclusions ? settings.Exclusions : null));
        return record.Decision == Codes.ToCode(GuardAnswer.Allow) || (withExclusions && settings.Exclusions is not null) ? ExitCodes.Ok : Denied;
    }



    private async Task<ProposedFlow> ReadFlowAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Job))
        {
            throw new FlowRequestException("--job", "required: the job's namespace/name.");
        }

        if (settings.Purpose is null || !FlowRequest.Purposes.TryGetValue(settings.Purpose, out var purpose))
        {
            throw new FlowRequestException("--purpose", $"'{settings.Purpose}' is not a purpose; one of {string.Join(", ", FlowRequest.Purposes.Keys)}.");
        }

        if (settings.Exclusions is { } file && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
        {
            throw new FlowRequestException("--exclusions", $"the folder of '{file}' does not exist.");
        }

        var now = guard.Now;
        var at = settings.AsOf is null ? now : FlowRequest.Instant(settings.AsOf, "--as-of", now);
        var catalogue = await guard.CatalogueAsync(cancellationToken);
        var datasets = catalogue.Where(c => c.Kind == "dataset").Select(c => c.Name).ToHashSet();
        var namespaces = catalogue.Select(c => c.Name.Namespace).ToHashSet(StringComparer.Ordinal);
        return FlowRequest.Checked(new ProposedFlow(
            CliNames.Split(settings.Job, "--job", namespaces, _ => false),
            settings.Inputs.Select(i => CliNames.Split(i, "--input", namespaces, datasets.Contains)).ToList(),
            settings.Outputs.Select(o => new ProposedOutput(CliNames.Split(o, "--output", namespaces, datasets.Contains), null)).ToList(),
            purpose,
            at));
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static string Text(GuardDecisionView view, string? exclusionsFile)
    {
        var s = new StringBuilder();
        s.Append(Inv, $"{view.Decision}: {view.Summary}\n");
        foreach (var r in view.Reasons)
        {
            s.Append(Inv, $"  {r.Rule} {r.Title}: {r.Workers:N0} worker(s), {r.Batches:N0} batch(es); path {string.Join(" → ", r.Path)}\n");
        }

        if (exclusionsFile is not null)
        {
            s.Append(Inv, $"  {view.Exclusions.Batches:N0} batch(es) of {view.Exclusions.Workers:N0} worker(s) to leave out: {exclusionsFile}\n");
        }
        else if (view.Exclusions.Batches > 0)
        {
            s.Append(Inv, $"  {view.Exclusions.Batches:N0} batch(es) of {view.Exclusions.Workers:N0} worker(s) to leave out: pass --exclusions FILE to write them\n");
        }

        s.Append(Inv, $"  decision {view.DecisionId}; basis scan {(view.Basis.ScanId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}, theories {view.Basis.TheoriesVersion}\n");
        return s.ToString();
    }
}

/// <summary>NS/NAME on the command line, where a namespace may itself hold '/' (s3://bucket).</summary>
public static class CliNames
{
    /// <summary>
    /// Splits at the longest namespace lineage has seen; a text two known names could spell is refused naming both.
    /// A namespace nobody has seen ends at the first '/' (after "scheme://host" when it has one).
    /// </summary>
    /// <exception cref="FlowRequestException">No '/' to split at, or an ambiguous name.</exception>
    public static LineageName Split(string text, string option, IReadOnlySet<string> namespaces, Func<LineageName, bool> known)
    {
        var candidates = namespaces.Where(n => text.Length > n.Length + 1 && text.StartsWith(n + "/", StringComparison.Ordinal))
            .Select(n => new LineageName(n, text[(n.Length + 1)..]))
            .OrderByDescending(c => c.Namespace.Length)
            .ToList();
        var knownOnes = candidates.Where(known).ToList();
        if (knownOnes.Count > 1)
        {
            throw new FlowRequestException(option, $"'{text}' names {string.Join(" and ", knownOnes.Select(c => $"namespace '{c.Namespace}' name '{c.Name}'"))}; the guard will not guess.");
        }

        if (knownOnes.Count == 1)
        {
            return knownOnes[0];
        }

        if (candidates.Count > 0)
        {
            return candidates[0];
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var slash = text.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw new FlowRequestException(option, $"'{text}' is not NAMESPACE/NAME.");
        }

        return new LineageName(text[..slash], text[(slash + 1)..]);
    }
}
