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

        [CommandOption("--owner <NAME>")]
        [Description("Only findings this user or team owns.")]
        public string? Owner { get; init; }

        [CommandOption("--overdue")]
        [Description("Only open or remediating findings past their due day.")]
        public bool Overdue { get; init; }

        public override ValidationResult Validate() =>
            FindingFilter.TryRead(Rule, Status, Severity, Option, out var error) is null ? ValidationResult.Error(error!)
            : Owner is not null && string.IsNullOrWhiteSpace(Owner) ? ValidationResult.Error("--owner: give a user or team name")
            : ValidationResult.Success();

        public FindingFilter Filter => FindingFilter.TryRead(Rule, Status, Severity, Option, out _)! with { Owner = Owner?.Trim(), OverdueOnly = Overdue };

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
        table.AddColumns("Id", "Severity", "Title", "Workers", "Status", "Owner", "Due", "Days open", "Latest note", "Last scan");
        foreach (var i in items)
        {
            table.AddRow(
                Markup.Escape(i.FindingKey), i.Severity, Markup.Escape(i.Title), i.AffectedWorkerCount.ToString("N0", CultureInfo.InvariantCulture),
                i.Status + (i.IsActive ? string.Empty : " (not live)") + (i.AcceptanceExpired ? " (expired)" : string.Empty),
                Markup.Escape(i.Owner ?? "-"), i.DueOn is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (i.Overdue ? " OVERDUE" : string.Empty) : "-",
                i.DaysOpen?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(i.LatestNote ?? string.Empty), i.LastScanAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
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

        [CommandOption("--owner <NAME>")]
        [Description("Who works the finding from now (a user or a team); kept until changed.")]
        public string? Owner { get; init; }

        [CommandOption("--due <YYYY-MM-DD>")]
        [Description("The day it is due (default: the day it was found plus the SLA for its severity, Audit:Sla).")]
        public string? Due { get; init; }

        [CommandOption("--approver <NAME>")]
        [Description("accepted_risk only (required there): who approved it, not the one recording it.")]
        public string? Approver { get; init; }

        [CommandOption("--expires <YYYY-MM-DD>")]
        [Description("accepted_risk only (required there): its last day, at most two years ahead; the first scan after it reopens the finding.")]
        public string? Expires { get; init; }

        /// <summary>Checked when the verb runs, after the options are bound, so "--note" given without its text is named as such.</summary>
        public FindingChangeRequest Check()
        {
            if (!FindingCodes.TryParse(Status, out var status))
            {
                throw new UsageException($"<STATUS>: '{Status}' is not a status ({string.Join(", ", Enum.GetValues<FindingStatus>().Select(FindingCodes.ToCode))})");
            }

            var due = CliDates.Optional("--due", Due);
            var expires = CliDates.Optional("--expires", Expires);

            if (string.IsNullOrWhiteSpace(Note))
            {
                throw new UsageException("--note is required");
            }

            if (string.IsNullOrWhiteSpace(By))
            {
                throw new UsageException("--by is required");
            }

            return new FindingChangeRequest(By, Note, status, Owner, due, Approver, expires);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var request = settings.Check();
        migrator.Migrate();
        return await FindingChangeOutput.RecordAsync(findings, auditLog, settings.Id, request, "findings set-status (command line)", cancellationToken);
    }
}

/// <summary>`audit findings assign ID --owner NAME [--due DAY] --by NAME [--note TEXT]`: who works a finding and by when; the status stays.</summary>
internal sealed class FindingsAssignCommand(Migrator migrator, FindingStatusService findings, AuditLog auditLog) : AsyncCommand<FindingsAssignCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The finding id, as `audit findings list` shows it.")]
        public string Id { get; init; } = string.Empty;

        [CommandOption("--owner <NAME>")]
        [Description("Who works the finding (a user or a team; required).")]
        public string? Owner { get; init; }

        [CommandOption("--due <YYYY-MM-DD>")]
        [Description("The day it is due (default: the day it was found plus the SLA for its severity).")]
        public string? Due { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("Who records the assignment (required).")]
        public string? By { get; init; }

        [CommandOption("--note <TEXT>")]
        [Description("Why (default: \"Assigned to OWNER\").")]
        public string? Note { get; init; }

        public FindingChangeRequest Check()
        {
            if (string.IsNullOrWhiteSpace(Owner))
            {
                throw new UsageException("--owner is required");
            }

            var due = CliDates.Optional("--due", Due);
            if (string.IsNullOrWhiteSpace(By))
            {
                throw new UsageException("--by is required");
            }

            var note = Note ?? $"Assigned to {Owner.Trim()}" + (due is { } day ? $", due {day:yyyy-MM-dd}." : ".");
            return new FindingChangeRequest(By, note, Owner: Owner, DueOn: due);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var request = settings.Check();
        migrator.Migrate();
        return await FindingChangeOutput.RecordAsync(findings, auditLog, settings.Id, request, "findings assign (command line)", cancellationToken);
    }
}

/// <summary>Records a change from the command line, in the finding's history and the audit log, and says what it became.</summary>
internal static class FindingChangeOutput
{
    public static async Task<int> RecordAsync(FindingStatusService findings, AuditLog auditLog, string id, FindingChangeRequest request, string command, CancellationToken cancellationToken)
    {
        try
        {
            var change = await findings.ChangeAsync(id, request, cancellationToken);
            // The audit log names who the officer said they are and the account that ran the command.
            await auditLog.AppendAsync(new AuditEntry($"{change.ChangedBy} (os user {AuditLog.Actor})", null, AuditActions.StatusChange, $"finding {change.FindingKey}",
                FindingChangeText.Describe(change), command), cancellationToken);
            Console.WriteLine($"{change.FindingKey}: {FindingChangeText.Describe(change)} (by {change.ChangedBy} at {change.ChangedAt:yyyy-MM-dd HH:mm:ss} UTC).");
            return 0;
        }
        catch (FindingNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }
        catch (FindingChangeRefusedException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.MessageFor(static f => "--" + f)}; nothing was changed.");
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

/// <summary>Days given on the command line: exactly yyyy-MM-dd, or the option is named in the refusal.</summary>
internal static class CliDates
{
    public static DateOnly? Optional(string option, string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new UsageException($"{option}: '{text}' is not a day (yyyy-MM-dd)");
}
