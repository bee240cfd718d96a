using Hangfire;
using Hangfire.Server;

namespace Audit.Service.Jobs;

/// <summary>
/// A running job's last progress line, kept as a job parameter so a page can show how far it has got while the
/// job server does the work. Written at most once a second: a store write per batch counted would cost more
/// than the scan it reports on.
/// </summary>
public sealed class JobProgress(PerformContext context, TimeProvider? time = null) : IProgress<string>
{
    public const string Parameter = "audit-progress";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public void Report(string value)
    {
        var now = _time.GetUtcNow();
        if (now - _last < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _last = now;
        context.SetJobParameter(Parameter, value);
    }

    /// <summary>The last line a job reported, or null.</summary>
    public static string? Read(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        var json = connection.GetJobParameter(jobId, Parameter);
        return string.IsNullOrEmpty(json) ? null : System.Text.Json.JsonSerializer.Deserialize<string>(json);
    }
}
