using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class ReportBoardCommand : Command<ReportBoardCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => NotYetAvailable.Say("report board");
}
