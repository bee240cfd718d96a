using System.ComponentModel;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>`jobs trigger ID`: runs a recurring job now on the running `serve` (through the shared job store).</summary>
internal sealed class JobsTriggerCommand(IOptions<DatabaseOptions> database, IOptions<JobsOptions> jobs) : Command<JobsTriggerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("nightly-scan, monthly-report or quarterly-board-summary.")]
        public string Id { get; init; } = string.Empty;

        public override ValidationResult Validate() => RecurringJobs.Ids.Contains(Id, StringComparer.Ordinal)
            ? ValidationResult.Success()
            : ValidationResult.Error($"'{Id}' is not a recurring job; one of: {string.Join(", ", RecurringJobs.Ids)}");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var storage = JobsCli.Storage(database.Value, jobs.Value);
        var manager = new RecurringJobManager(storage);

        // Registered here too, so a trigger before the first `serve` still finds the job with today's settings.
        RecurringJobs.Register(manager, jobs.Value);
        var jobId = manager.TriggerJob(settings.Id);
        Console.WriteLine(string.IsNullOrEmpty(jobId)
            ? $"{settings.Id}: not triggered (the job store refused it)."
            : $"{settings.Id}: queued as job {jobId}; `serve` runs it (see /hangfire).");
        return string.IsNullOrEmpty(jobId) ? 1 : 0;
    }
}

/// <summary>`jobs scan --as-of DATE`: queues an ad hoc scan for `serve` to run (the same option as `scan`).</summary>
internal sealed class JobsScanCommand(IOptions<DatabaseOptions> database, IOptions<JobsOptions> jobs) : Command<ScanCommand.Settings>
{
    public override int Execute(CommandContext context, ScanCommand.Settings settings, CancellationToken cancellationToken)
    {
        var asOf = settings.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var client = new BackgroundJobClient(JobsCli.Storage(database.Value, jobs.Value));
        var jobId = client.Enqueue<ScanAsOfJob>(j => j.ExecuteAsync(asOf, null!, CancellationToken.None));
        Console.WriteLine($"scan as of {asOf}: queued as job {jobId}; `serve` runs it (see /hangfire).");
        return 0;
    }
}

internal static class JobsCli
{
    /// <summary>The store `serve` reads, opened to add jobs (not to run them: no serve lock is taken).</summary>
    public static JobStorage Storage(DatabaseOptions database, JobsOptions jobs)
    {
        JobServices.Configure(GlobalConfiguration.Configuration);
        return JobStorageFactory.Create(database, jobs, held: null);
    }
}
