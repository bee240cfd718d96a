using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Records;
using Spectre.Console;
using Spectre.Console.Cli;
using Audit.Service.Configuration;

namespace Audit.Service.Cli;

/// <summary>`audit findings list`: every finding with its id, what its latest scan saw and the officer's status.</summary>
internal sealed class FindingsListCommand(Migrator migrator, FindingStatusService findings) : AsyncCommand<FindingsListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--rule <CODE>")]
        [Description("Only this rule (R1 ... R10).")]
        public string? Rule { get; init; }

        [CommandOption("--status <STATUS>")]
        [Description("Only this status: open, remediating, accepted_risk or resolved.")]
        public string? Status { get; init; }

        [CommandOption("--severity <SEVERITY>")]
        [Description("Only this severity: Critical, High, Medium or Low.")]
        public string? Severity { get; init; }

        [CommandOption("--all")]
        [Description("Include findings the newest scan no longer sees (not live).")]
        public bool All { get; init; }

        public override ValidationResult Validate() =>
            FindingFilter.TryRead(Rule, Status, Severity, Option, out var error) is null ? ValidationResult.Error(error!) : ValidationResult.Success();

        public FindingFilter Filter => FindingFilter.TryRead(Rule, Status, Severity, Option, out _)!;

        private static string Option(string field) => "--" + field;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var items = (await findings.ListAsync(settings.Filter, cancellationToken)).Where(i => settings.All || i.IsActive).ToList();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        var table = new Table().Title($"{items.Count.ToString("N0", CultureInfo.InvariantCulture)} finding(s)");
        table.AddColumns("Id", "Severity", "Title", "Workers", "Status", "Latest note", "Last scan");
        foreach (var i in items)
        {
            table.AddRow(
                Markup.Escape(i.FindingKey), i.Severity, Markup.Escape(i.Title), i.AffectedWorkerCount.ToString("N0", CultureInfo.InvariantCulture),
                i.Status + (i.IsActive ? string.Empty : " (not live)"), Markup.Escape(i.LatestNote ?? string.Empty), i.LastScanAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}

/// <summary>`audit findings set-status ID STATUS --note ... --by ...`: the officer's status, kept with who, when and why.</summary>
internal sealed class FindingsSetStatusCommand(Migrator migrator, FindingStatusService findings, AuditLog auditLog) : AsyncCommand<FindingsSetStatusCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The finding id, as `audit findings list` shows it.")]
        public string Id { get; init; } = string.Empty;

        [CommandArgument(1, "<STATUS>")]
        [Description("open, remediating, accepted_risk or resolved.")]
        public string Status { get; init; } = string.Empty;

        [CommandOption("--note <TEXT>")]
        [Description("Why (required): the history keeps it and reports print the latest one.")]
        public string? Note { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("Who records the change (required).")]
        public string? By { get; init; }

        /// <summary>Checked when the verb runs, after the options are bound, so "--note" given without its text is named as such.</summary>
        public void Check()
        {
            if (!FindingCodes.TryParse(Status, out _))
            {
                throw new UsageException($"<STATUS>: '{Status}' is not a status ({string.Join(", ", Enum.GetValues<FindingStatus>().Select(FindingCodes.ToCode))})");
            }

            if (string.IsNullOrWhiteSpace(Note))
            {
                throw new UsageException("--note is required");
            }

            if (string.IsNullOrWhiteSpace(By))
            {
                throw new UsageException("--by is required");
            }
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.Check();
        migrator.Migrate();
        try
        {
            var change = await findings.SetStatusAsync(settings.Id, FindingCodes.Parse(settings.Status), settings.By!, settings.Note!, cancellationToken);
            // The audit log names who the officer said they are and the account that ran the command.
            await auditLog.AppendAsync(new AuditEntry($"{change.ChangedBy} (os user {AuditLog.Actor})", null, AuditActions.StatusChange, $"finding {change.FindingKey}",
                $"status {change.Status}: {change.Note}", "findings set-status (command line)"), cancellationToken);
            Console.WriteLine($"{change.FindingKey}: {change.Status} (by {change.ChangedBy} at {change.ChangedAt:yyyy-MM-dd HH:mm:ss} UTC).");
            return 0;
        }
        catch (FindingNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }
    }
}

/// <summary>`audit findings history ID`: every status change of a finding, and every scan that stopped seeing it, oldest first.</summary>
internal sealed class FindingsHistoryCommand(Migrator migrator, FindingStatusService findings, ScanHistory scans) : AsyncCommand<FindingsHistoryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The finding id, as `audit findings list` shows it.")]
        public string Id { get; init; } = string.Empty;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        try
        {
            foreach (var c in await findings.HistoryAsync(settings.Id, cancellationToken))
            {
                Console.WriteLine($"{c.ChangedAt:yyyy-MM-dd HH:mm:ss}  {c.Status,-13} {c.ChangedBy}{(c.ScanId is { } scan ? $" (scan {scan})" : string.Empty)}  {c.Note}");
            }

            // A scan that no longer sees the finding changes no status (the officer decides that), but it is part of
            // the story; scans judge days that may be long past when they run, so these follow, by the day judged.
            foreach (var r in await scans.ResolutionsAsync(settings.Id, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken))
            {
                Console.WriteLine($"as of {r.AsOf:yyyy-MM-dd}     not seen      scan {r.ScanId}  no longer seen by this scan (resolved as far as the data shows; the status stays the officer's)");
            }

            return 0;
        }
        catch (FindingNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }
    }
}

/// <summary>`audit scans prune`: applies the retention setting now (Audit:Retention:KeepWhole).</summary>
internal sealed class ScansPruneCommand(Migrator migrator, ScanRetention retention, Microsoft.Extensions.Options.IOptions<AuditOptions> options) : AsyncCommand<ScansPruneCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dry-run")]
        [Description("List the scans that would lose their per-worker rows; change nothing.")]
        public bool DryRun { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var scans = settings.DryRun ? await retention.PlanAsync(cancellationToken) : await retention.PruneAsync(cancellationToken);
        Console.WriteLine($"Retention keeps {options.Value.Retention.KeepWhole} scans whole (and the newest). {(settings.DryRun ? "Would prune" : "Pruned")} {scans.Count} scan(s)"
            + (scans.Count == 0 ? "." : ": " + string.Join(", ", scans.Select(s => $"{s.ScanId} ({s.AsOf:yyyy-MM-dd})"))));
        return 0;
    }
}
