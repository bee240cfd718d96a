using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ServeCommand : Command<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => NotYetAvailable.Say("serve");
}
