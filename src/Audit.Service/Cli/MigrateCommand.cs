using Audit.Service.Data;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class MigrateCommand(Migrator migrator, Database database) : Command<MigrateCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = migrator.Migrate();
        Console.WriteLine(result.AppliedScripts.Count == 0
            ? $"{database.Provider}: schema is up to date."
            : $"{database.Provider}: applied {string.Join(", ", result.AppliedScripts)}.");
        return 0;
    }
}
