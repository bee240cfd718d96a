using Audit.Service.Configuration;
using Audit.Service.Apis;
using Audit.Service.Data;
using Audit.Service.Jobs;
using Audit.Service.Security;
using Audit.Service.Web;
using Hangfire;
using Hangfire.Dashboard;

namespace Audit.Service.Hosting;

/// <summary>
/// The `serve` host: health, the jobs dashboard and the Hangfire server, over the same configuration as the
/// CLI. `serve` and the functional tests build it here, so both run the same host.
/// </summary>
public static class AuditWebHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// WebApplicationFactory&lt;Program&gt; runs the entry point with host settings only (--applicationName=...,
    /// --environment=..., no verb): those arguments mean "build the web host", never a CLI verb.
    /// </summary>
    public static bool IsTestHostLaunch(string[] args) =>
        args.Length > 0
        && args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
        && args.Any(a => a.StartsWith("--applicationName=", StringComparison.OrdinalIgnoreCase));

    /// <param name="args">Host arguments, e.g. --urls.</param>
    /// <param name="configuration">The CLI's configuration (appsettings.json, AUDIT_ variables).</param>
    /// <param name="storage">A job storage to use instead of the configured one (tests).</param>
    public static WebApplication Build(string[] args, IConfiguration configuration, JobStorage? storage = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The CLI's settings sit under the command line, so --urls and a test host's settings still win.
        var sources = builder.Configuration.Sources;
        var commandLine = sources.ToList().FindLastIndex(s => s is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
        sources.Insert(commandLine < 0 ? sources.Count : commandLine, new ChainedConfigurationSource { Configuration = configuration, ShouldDisposeConfiguration = false });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // With a public URL, only its host (and loopback, for health checks on the machine) is served: a forged Host is
        // refused with 400 by ASP.NET Core's host filtering. An installation may still set AllowedHosts itself.
        if (builder.Configuration[WebSettings.SectionName + ":" + nameof(WebSettings.PublicUrl)] is { Length: > 0 } publicUrl
            && Uri.TryCreate(publicUrl, UriKind.Absolute, out var publicOrigin)
            && builder.Configuration["AllowedHosts"] is null or "*")
        {
            builder.Configuration["AllowedHosts"] = $"{publicOrigin.Host};localhost;127.0.0.1;[::1]";
        }

        if (builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            // Structured by default: one JSON object per event, for whatever collects the service's logs.
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(35));
        builder.Services.AddAuditCore();
        RecurringJobs.CheckTimeZones(builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions());
        builder.Services.AddAuditHangfire(storage is null ? ConfiguredStorage(builder) : _ => storage);
        builder.Services.AddAuditHealth();
        builder.Services.AddAuditApi(builder.Configuration);
        builder.Services.AddAuditPages();

        var app = builder.Build();

        // Resolved so the container owns the serve lock and releases it when the host is disposed.
        _ = app.Services.GetService<ServeLock>();

        // Hangfire logs through a process-wide provider bound to this host's logger factory; unbind it when the
        // host stops, so a later host in the same process (the tests) never logs into a disposed factory.
        app.Lifetime.ApplicationStopped.Register(() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null));
        app.UseExceptionHandler();

        // Security headers on every answer (assets and error pages too).
        app.UseAuditSecurityHeaders();

        // The API answers errors with problem details; a page request gets a readable page with the same status.
        app.UseWhen(c => !AuditPages.IsPageRequest(c.Request), b => b.UseStatusCodePages());
        app.UseWhen(c => AuditPages.IsPageRequest(c.Request), b => b.UseStatusCodePagesWithReExecute("/status", "?code={0}"));
        app.UseAuditAssets();

        // Routing after the status pages, so a re-executed request (/status) is routed again.
        app.UseRouting();
        app.UseAuthentication();

        // No cookie-borne write from another site: before authorization, so a refused one never reaches an endpoint.
        app.UseAuditCrossSiteCheck();
        app.UseAuthorization();
        app.MapAuditHealth();
        app.MapAuditApi();
        app.MapAuditPages();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // The admin role's; loopback without sign-in only where an installation says so (no accounts).
            Authorization = [new AdminDashboardFilter(app.Services.GetRequiredService<AuthenticationSettings>().DashboardOpenOnLoopback)],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Audit jobs",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>
    /// Takes the serve lock now on the embedded database, so a second `serve` stops before it touches the job
    /// store; the lock lives as long as the host's services. The store itself opens with the host.
    /// </summary>
    private static Func<IServiceProvider, JobStorage> ConfiguredStorage(WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var jobs = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        ServeLock? held = null;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            held = ServeLock.Acquire(database);
            builder.Services.AddSingleton(_ => held);
        }

        return _ => JobStorageFactory.Create(database, jobs, held);
    }

    /// <summary>The jobs dashboard: admins (key or sign-in), or any local request when the setting allows it.</summary>
    private sealed class AdminDashboardFilter(bool openOnLoopback) : IDashboardAuthorizationFilter
    {
        private static readonly LocalRequestsOnlyAuthorizationFilter Local = new();

        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Role.Admin.Code()) || (openOnLoopback && Local.Authorize(context));
    }
}
