using System.ComponentModel;
using Audit.Service.Data;
using Audit.Service.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>Settings shared by the verbs that take a role.</summary>
public abstract class RoleSettings : CommandSettings
{
    [CommandOption("--role <ROLE>", isRequired: true)]
    [Description("admin, compliance, counsel, board or ingest.")]
    public string Role { get; init; } = string.Empty;

    [CommandOption("--name <NAME>", isRequired: true)]
    [Description("Who or what it is for.")]
    public string Name { get; init; } = string.Empty;

    /// <summary>
    /// Checked when the verb runs rather than in Validate, so that an option given without its value is reported
    /// as such by the shared strictness check, which runs after Validate.
    /// </summary>
    internal Role ParsedRole => Roles.TryParse(Role, out var role)
        ? role
        : throw new UsageException($"--role: unknown role '{Role}'; expected one of {Roles.Expected}");
}

/// <summary>keys create: prints the new key alone on standard output, once; everything else goes to standard error.</summary>
internal sealed class KeysCreateCommand(Migrator migrator, KeyStore keys) : AsyncCommand<KeysCreateCommand.Settings>
{
    public sealed class Settings : RoleSettings
    {
        [CommandOption("--expires <DAY>")]
        [Description("The last day (UTC) the key works, yyyy-MM-dd; it is refused from the next day on. Default: until revoked.")]
        public string? Expires { get; init; }

        internal DateTime? ParsedExpiry => Expires is null
            ? null
            : DateOnly.TryParseExact(Expires, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                : throw new UsageException($"--expires: '{Expires}' is not a day in the form yyyy-MM-dd");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var role = settings.ParsedRole;
        var expires = settings.ParsedExpiry;
        migrator.Migrate();
        CreatedApiKey key;
        try
        {
            key = await keys.CreateAsync(settings.Name, role, AuditLog.Actor, expires, cancellationToken: cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }

        Console.WriteLine(key.Token);
        await Console.Error.WriteLineAsync($"Created key {key.KeyId} '{key.Name}' with role {key.Role.Code()}. It is shown once: store it now (send it as 'Authorization: Bearer <key>').");
        return 0;
    }
}

internal sealed class KeysListCommand(Migrator migrator, KeyStore keys) : AsyncCommand<KeysListCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        // Id and name never wrap (they are what a user copies into `keys revoke`); the dates may.
        var table = new Table().AddColumns(new TableColumn("Id").NoWrap(), new TableColumn("Name").NoWrap(), new TableColumn("Role"), new TableColumn("Created"),
            new TableColumn("By"), new TableColumn("Last used"), new TableColumn("Expires"), new TableColumn("Revoked"));
        foreach (var key in await keys.ListAsync(cancellationToken))
        {
            table.AddRow(Markup.Escape(key.KeyId), Markup.Escape(key.Name), key.Role, TypeHandlers.FormatTimestamp(key.CreatedAt), Markup.Escape(key.CreatedBy),
                key.LastUsedAt is { } used ? TypeHandlers.FormatTimestamp(used) : "never",
                key.ExpiresAt is { } expires ? TypeHandlers.FormatTimestamp(expires) : "-",
                key.RevokedAt is { } at ? $"{TypeHandlers.FormatTimestamp(at)} by {Markup.Escape(key.RevokedBy ?? "?")}" : "-");
        }

        AnsiConsole.Write(table);
        return 0;
    }
}

internal sealed class KeysRevokeCommand(Migrator migrator, KeyStore keys) : AsyncCommand<KeysRevokeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<KEY>")]
        [Description("The key's id or name (as 'keys list' shows).")]
        public string Key { get; init; } = string.Empty;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (!await keys.RevokeAsync(settings.Key, AuditLog.Actor, cancellationToken: cancellationToken))
        {
            await Console.Error.WriteLineAsync($"audit: no active key has the id or name '{settings.Key}'");
            return 64;
        }

        Console.WriteLine($"Revoked {settings.Key}; the next request with it is refused.");
        return 0;
    }
}
