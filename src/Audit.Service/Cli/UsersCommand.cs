using Audit.Service.Data;
using Audit.Service.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>users create: the password comes from standard input (one line), never from an argument or a log.</summary>
internal sealed class UsersCreateCommand(Migrator migrator, UserStore users) : AsyncCommand<UsersCreateCommand.Settings>
{
    public sealed class Settings : RoleSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var role = settings.ParsedRole;
        migrator.Migrate();
        var password = ReadPassword();
        if (password is null)
        {
            await Console.Error.WriteLineAsync("audit: password: none given on standard input");
            return 64;
        }

        try
        {
            await users.CreateAsync(settings.Name, role, password, AuditLog.Actor, cancellationToken: cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }

        Console.WriteLine($"Created user {settings.Name.Trim()} with role {role.Code()}.");
        return 0;
    }

    internal static string? ReadPassword()
    {
        if (Console.IsInputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            // One line: a trailing newline from `echo` or a file is not part of the password.
            return Console.In.ReadLine();
        }

        var first = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        var again = AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret());
        return first == again ? first : throw new ArgumentException("password: the two entries differ");
    }
}

internal sealed class UsersListCommand(Migrator migrator, UserStore users, UserSessions sessions) : AsyncCommand<UsersListCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var table = new Table().AddColumns("User", "Role", "Created", "By", "Last sign-in", "Open sessions", "Disabled");
        var open = (await sessions.ListOpenAsync(cancellationToken)).ToLookup(s => s.UserName, StringComparer.Ordinal);
        foreach (var user in await users.ListAsync(cancellationToken))
        {
            table.AddRow(Markup.Escape(user.UserName), user.Role, TypeHandlers.FormatTimestamp(user.CreatedAt), Markup.Escape(user.CreatedBy),
                user.LastSignInAt is { } signIn ? TypeHandlers.FormatTimestamp(signIn) : "never",
                open[user.UserName].Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                user.DisabledAt is { } at ? TypeHandlers.FormatTimestamp(at) : "-");
        }

        AnsiConsole.Write(table);
        return 0;
    }
}

/// <summary>The verbs that take one account name and change it: disable, enable, end-sessions.</summary>
internal abstract class UserChangeCommand(Migrator migrator) : AsyncCommand<UserChangeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = string.Empty;
    }

    protected abstract string Refusal { get; }

    protected abstract string Done { get; }

    protected abstract Task<bool> ChangeAsync(string name, CancellationToken cancellationToken);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (!await ChangeAsync(settings.Name, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"audit: {string.Format(System.Globalization.CultureInfo.InvariantCulture, Refusal, settings.Name)}");
            return 64;
        }

        Console.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Done, settings.Name));
        return 0;
    }
}

internal sealed class UsersDisableCommand(Migrator migrator, UserStore users) : UserChangeCommand(migrator)
{
    protected override string Refusal => "no enabled user is named '{0}'";

    protected override string Done => "Disabled {0}; its sessions are ended.";

    protected override Task<bool> ChangeAsync(string name, CancellationToken cancellationToken) => users.DisableAsync(name, AuditLog.Actor, cancellationToken: cancellationToken);
}

internal sealed class UsersEnableCommand(Migrator migrator, UserStore users) : UserChangeCommand(migrator)
{
    protected override string Refusal => "no disabled user is named '{0}'";

    protected override string Done => "Enabled {0}; it signs in anew.";

    protected override Task<bool> ChangeAsync(string name, CancellationToken cancellationToken) => users.EnableAsync(name, AuditLog.Actor, cancellationToken: cancellationToken);
}

internal sealed class UsersEndSessionsCommand(Migrator migrator, UserStore users) : UserChangeCommand(migrator)
{
    protected override string Refusal => "no user is named '{0}'";

    protected override string Done => "Ended every session of {0}; its next request signs in anew.";

    protected override Task<bool> ChangeAsync(string name, CancellationToken cancellationToken) => users.EndSessionsAsync(name, AuditLog.Actor, cancellationToken: cancellationToken);
}

/// <summary>users set-password: the new password from standard input (one line) or prompted; every session of the account ends.</summary>
internal sealed class UsersSetPasswordCommand(Migrator migrator, UserStore users) : AsyncCommand<UserChangeCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserChangeCommand.Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var password = UsersCreateCommand.ReadPassword();
        if (password is null)
        {
            await Console.Error.WriteLineAsync("audit: password: none given on standard input");
            return 64;
        }

        try
        {
            if (!await users.SetPasswordAsync(settings.Name, password, AuditLog.Actor, cancellationToken: cancellationToken))
            {
                await Console.Error.WriteLineAsync($"audit: no user is named '{settings.Name}'");
                return 64;
            }
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }

        Console.WriteLine($"Set a new password for {settings.Name}; its sessions are ended.");
        return 0;
    }
}
