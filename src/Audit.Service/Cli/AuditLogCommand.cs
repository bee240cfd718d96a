using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>audit-log: reads the append-only audit log, newest first, one entry per line.</summary>
internal sealed class AuditLogCommand(Migrator migrator, AuditTrail trail) : AsyncCommand<AuditLogCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--since <WHEN>")]
        [Description("Entries at or after this UTC date or timestamp (2026-11-01 or 2026-11-01T09:00:00Z).")]
        public string? Since { get; init; }

        [CommandOption("--until <WHEN>")]
        [Description("Entries before this UTC date or timestamp.")]
        public string? Until { get; init; }

        [CommandOption("--actor <NAME>")]
        [Description("Only this user, key name or operating-system user.")]
        public string? Actor { get; init; }

        [CommandOption("--action <ACTION>")]
        [Description("Only this action: download, export-request, status-change, import, lineage-post, key-create, key-revoke, user-create, user-disable.")]
        public string? Action { get; init; }

        [CommandOption("--role <ROLE>")]
        [Description("Only entries made in this role.")]
        public string? Role { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many entries (1 to 100000).")]
        [DefaultValue(100)]
        public int Limit { get; init; } = 100;

        internal static readonly string[] Actions =
        [
            AuditActions.Download, AuditActions.ExportRequest, AuditActions.StatusChange, AuditActions.Import, AuditActions.LineagePost,
            AuditActions.KeyCreate, AuditActions.KeyRevoke, AuditActions.UserCreate, AuditActions.UserDisable,
        ];

        public override ValidationResult Validate()
        {
            if (Since is not null && !TryWhen(Since, out _))
            {
                return ValidationResult.Error($"--since: '{Since}' is not a UTC date (2026-11-01) or timestamp (2026-11-01T09:00:00Z)");
            }

            if (Until is not null && !TryWhen(Until, out _))
            {
                return ValidationResult.Error($"--until: '{Until}' is not a UTC date (2026-11-01) or timestamp (2026-11-01T09:00:00Z)");
            }

            if (Action is not null && !Actions.Contains(Action, StringComparer.Ordinal))
            {
                return ValidationResult.Error($"--action: unknown action '{Action}'; expected one of {string.Join(", ", Actions)}");
            }

            if (Role is not null && !Roles.TryParse(Role, out _))
            {
                return ValidationResult.Error($"--role: unknown role '{Role}'; expected one of {Roles.Expected}");
            }

            return Limit is < 1 or > 100_000 ? ValidationResult.Error("--limit: between 1 and 100000") : ValidationResult.Success();
        }

        internal static bool TryWhen(string text, out DateTime utc) => Ingest.FieldSpec.TryParseTimestamp(text, out utc);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        DateTime? When(string? text) => text is not null && Settings.TryWhen(text, out var t) ? t : null;
        var entries = await trail.ListAsync(new AuditQuery(When(settings.Since), When(settings.Until), settings.Actor, settings.Action, settings.Role, settings.Limit), cancellationToken);
        foreach (var e in entries)
        {
            var parts = new List<string> { TypeHandlers.FormatTimestamp(e.At), e.Role is null ? e.Actor : $"{e.Actor} ({e.Role})", e.Action };
            parts.AddRange(new[] { e.Subject, e.Details, e.Request, e.Sha256 is null ? null : "sha256=" + e.Sha256 }.OfType<string>());
            Console.WriteLine(string.Join("  ", parts));
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}, newest first."));
        return 0;
    }
}
