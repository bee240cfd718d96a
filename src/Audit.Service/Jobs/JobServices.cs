using Audit.Service.Data;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Audit.Service.Jobs;

/// <summary>Registration of the jobs, their ledger and delivery, and the Hangfire server that runs them.</summary>
public static class JobServices
{
    private static readonly Lock FilterGate = new();

    /// <summary>The jobs and what they call (their settings are bound, and checked, with the core services).</summary>
    public static IServiceCollection AddAuditJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobLedger>();
        services.AddSingleton<OncePerPeriod>();
        services.AddSingleton<PeriodReports>();
        services.AddSingleton<ReportDelivery>();
        services.AddSingleton<ScheduledReports>();
        services.AddTransient<NightlyScanJob>();
        services.AddTransient<ScanAsOfJob>();
        services.AddTransient<MonthlyReportJob>();
        services.AddTransient<QuarterlyBoardSummaryJob>();
        services.AddTransient<CounselExportJob>();
        services.AddTransient<PurgeScopeJob>();
        return services;
    }

    /// <summary>
    /// Hangfire over the given storage (the tests pass an in-memory one) or the configured one. The storage is a
    /// service of its own, not Hangfire's static JobStorage.Current, so several hosts in one process keep theirs.
    /// </summary>
    public static IServiceCollection AddAuditHangfire(this IServiceCollection services, Func<IServiceProvider, JobStorage> storage, bool runServer = true)
    {
        services.AddAuditJobs();

        // Hangfire's log provider is process-wide and set when its configuration is first resolved: resolve it
        // first, so a store that logs while opening logs to this host, not to one disposed before it (tests).
        services.AddSingleton(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return storage(provider);
        });
        services.AddHangfire(Configure);

        if (runServer)
        {
            // Before the server starts: the schema is current and the recurring jobs carry today's settings.
            services.AddHostedService<JobsStartup>();

            // The guard's alerts ride on the job server: where it runs, lineage is judged as it arrives.
            services.AddHostedService<Guard.GuardAlerter>();
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.ServerName = ServerName(options);
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.PollingInterval;
                server.ShutdownTimeout = TimeSpan.FromSeconds(30);
            });
        }

        return services;
    }

    /// <summary>
    /// Hangfire's process-wide settings, the same in `serve` and in a CLI process that enqueues: how jobs are
    /// serialized, and the filter that stamps a recurring job with its occurrence (it runs where a job is created).
    /// </summary>
    public static void Configure(IGlobalConfiguration configuration)
    {
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        lock (FilterGate)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is OccurrenceFilter))
            {
                GlobalJobFilters.Filters.Add(new OccurrenceFilter());
            }
        }
    }

    public static string ServerName(JobsOptions options) =>
        string.IsNullOrWhiteSpace(options.ServerName) ? $"audit-{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant() : options.ServerName;

    /// <summary>Migrates and registers the recurring jobs when the host starts, before the job server.</summary>
    private sealed class JobsStartup(Migrator migrator, IRecurringJobManager recurring, IOptions<JobsOptions> options, ILogger<JobsStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var applied = migrator.Migrate();
            if (applied.AppliedScripts.Count > 0)
            {
                var scripts = string.Join(", ", applied.AppliedScripts);
                JobLog.MigrationsApplied(logger, scripts);
            }

            RecurringJobs.Register(recurring, options.Value);
            var ids = string.Join(", ", RecurringJobs.Ids);
            JobLog.RecurringRegistered(logger, ids);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
