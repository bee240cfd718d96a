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
            await users.CreateAsync(settings.Name, role, password, AuditLog.Actor, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }

        Console.WriteLine($"Created user {settings.Name.Trim()} with role {role.Code()}.");
        return 0;
    }

    private static string? ReadPassword()
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

internal sealed class UsersListCommand(Migrator migrator, UserStore users) : AsyncCommand<UsersListCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var table = new Table().AddColumns("User", "Role", "Created", "By", "Disabled");
        foreach (var user in await users.ListAsync(cancellationToken))
        {
            table.AddRow(Markup.Escape(user.UserName), user.Role, TypeHandlers.FormatTimestamp(user.CreatedAt), Markup.Escape(user.CreatedBy),
                user.DisabledAt is { } at ? TypeHandlers.FormatTimestamp(at) : "-");
        }

        AnsiConsole.Write(table);
        return 0;
    }
}

internal sealed class UsersDisableCommand(Migrator migrator, UserStore users) : AsyncCommand<UsersDisableCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = string.Empty;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (!await users.DisableAsync(settings.Name, AuditLog.Actor, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"audit: no enabled user is named '{settings.Name}'");
            return 64;
        }

        Console.WriteLine($"Disabled {settings.Name}.");
        return 0;
    }
}
