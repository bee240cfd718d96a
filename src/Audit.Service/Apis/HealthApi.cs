using System.Text.Json;
using Audit.Service.Data;
using Audit.Service.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Audit.Service.Apis;

/// <summary>/health: the database answers, its migrations are current, and this process's job server is alive.</summary>
public static class HealthApi
{
    public static IServiceCollection AddAuditHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database")
            .AddCheck<MigrationsCheck>("migrations")
            .AddCheck<JobServerCheck>("jobs");
        return services;
    }

    public static IEndpointRouteBuilder MapAuditHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    private sealed class DatabaseCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await database.PingAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{database.Provider} answers");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"{database.Provider} does not answer: {ex.Message}");
            }
        }
    }

    private sealed class MigrationsCheck(Migrator migrator) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = migrator.PendingScripts();
                return Task.FromResult(pending.Count == 0
                    ? HealthCheckResult.Healthy("schema is current")
                    : HealthCheckResult.Unhealthy($"pending migrations: {string.Join(", ", pending)}"));
            }
            catch (Exception ex)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"cannot read the migration journal: {ex.Message}"));
            }
        }
    }

    private sealed class JobServerCheck(JobStorage storage, IOptions<JobsOptions> options) : IHealthCheck
    {
        // Hangfire's heartbeat runs every 30 s; two missed beats mean the server is gone.
        private static readonly TimeSpan Stale = TimeSpan.FromSeconds(90);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var name = JobServices.ServerName(options.Value);
            try
            {
                var mine = storage.GetMonitoringApi().Servers().FirstOrDefault(s => s.Name.StartsWith(name, StringComparison.Ordinal));
                return Task.FromResult(mine switch
                {
                    null => HealthCheckResult.Unhealthy($"job server {name} is not running"),
                    { Heartbeat: { } beat } when DateTime.UtcNow - beat > Stale => HealthCheckResult.Unhealthy($"job server {name}: last heartbeat {beat:o}"),
                    _ => HealthCheckResult.Healthy($"job server {mine.Name} alive, {mine.WorkersCount} workers"),
                });
            }
            catch (Exception ex)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"job storage does not answer: {ex.Message}"));
            }
        }
    }
}
