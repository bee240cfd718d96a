using System.ComponentModel;
using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Reporting;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>`audit export purge-scope --matter M --finding ID...`: what purging the findings' data reaches, for counsel.</summary>
internal sealed class ExportPurgeScopeCommand(Migrator migrator, PurgeScopeBuilder purge) : AsyncCommand<ExportPurgeScopeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--matter <ID>", isRequired: true)]
        [Description("The matter this purge scope is for (required); names the output folder.")]
        public string? Matter { get; init; }

        [CommandOption("--finding <ID>")]
        [Description("A finding whose data is to be purged, as `audit findings list` shows it (repeat for several).")]
        // No Validate: a missing --finding is refused (64) by the builder, after the missing-value check of every option.
        public string[] Findings { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        var result = await CliApp.WithProgressAsync($"purge scope {settings.Matter}", progress => purge.ExportAsync(new PurgeScopeRequest(settings.Matter!, settings.Findings), progress, cancellationToken));
        var m = result.Manifest;
        Console.WriteLine($"{m.Batches.ToString("N0", CultureInfo.InvariantCulture)} batches to delete; {m.Datasets.Count} training datasets and models downstream:");
        foreach (var d in m.Datasets)
        {
            Console.WriteLine($"  {d.Dataset} ({d.Kind}{(d.Commercial ? ", commercial" : string.Empty)}): {d.Batches.ToString("N0", CultureInfo.InvariantCulture)} batches, {d.Workers.ToString("N0", CultureInfo.InvariantCulture)} workers, used {d.FirstUse:yyyy-MM-dd} to {d.LastUse:yyyy-MM-dd}");
        }

        foreach (var f in m.Findings)
        {
            Console.WriteLine($"  {f.FindingId}: read from scan {f.ScanId} as of {f.ScanAsOf:yyyy-MM-dd}, which counted {f.ScanBatches.ToString("N0", CultureInfo.InvariantCulture)} batches.");
        }

        CliApp.PrintFiles(result.Paths);
        return 0;
    }
}
