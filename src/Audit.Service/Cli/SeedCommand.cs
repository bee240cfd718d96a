using System.ComponentModel;
using Audit.Service.Demo;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

internal sealed class SeedCommand(DemoSeeder seeder) : AsyncCommand<SeedCommand.Settings>
{
    public sealed class Settings : OrganisationSettings
    {
        [CommandOption("--files <DIR>")]
        [Description("Where the generated import files are written (kept, so they can be read or re-imported).")]
        [DefaultValue("data/demo-files")]
        public string Files { get; init; } = "data/demo-files";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = await CliApp.WithProgressAsync("seed", progress =>
            seeder.SeedAsync(settings.Files, new DemoOptions(settings.Workers, settings.Seed), progress, cancellationToken));
        Console.WriteLine($"Seeded {settings.Workers} workers (seed {settings.Seed}); import files in {Path.GetFullPath(files.Folder)}.");
        return 0;
    }
}

/// <summary>The size and seed of a generated demo organisation, shared by <c>seed</c> and <c>demo</c>.</summary>
public class OrganisationSettings : CommandSettings
{
    [CommandOption("--workers <N>")]
    [Description("How many workers the demo organisation has (default 2000; 100000 works).")]
    [DefaultValue(DemoOptions.DefaultWorkers)]
    public int Workers { get; init; } = DemoOptions.DefaultWorkers;

    [CommandOption("--seed <S>")]
    [Description("Random seed: the same seed gives the same organisation.")]
    [DefaultValue(DemoOptions.DefaultSeed)]
    public int Seed { get; init; } = DemoOptions.DefaultSeed;

    public override Spectre.Console.ValidationResult Validate() => Workers is >= 10 and <= 1_000_000
        ? Spectre.Console.ValidationResult.Success()
        : Spectre.Console.ValidationResult.Error("--workers must be between 10 and 1,000,000");
}
