namespace Audit.Service.Jobs;

/// <summary>
/// Runs a job's work for a period unless the ledger says the period is done, and marks it done only after the
/// work returned: a retry, a re-trigger or a second server finds the period completed and does nothing.
/// Jobs of one kind never overlap (DisableConcurrentExecution on each job), so the ledger needs no lease.
/// </summary>
public sealed class OncePerPeriod(JobLedger ledger, ILogger<OncePerPeriod> logger)
{
    public async Task<bool> RunAsync(string jobName, string period, string? backgroundJobId, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        var run = await ledger.BeginAsync(jobName, period, backgroundJobId, cancellationToken);
        if (run.IsCompleted)
        {
            JobLog.AlreadyCompleted(logger, jobName, period, run.CompletedAt);
            return false;
        }

        if (run.Attempts > 1)
        {
            JobLog.Resuming(logger, jobName, period, run.Attempts);
        }

        var outcome = await work(cancellationToken);
        await ledger.CompleteAsync(jobName, period, outcome, cancellationToken);
        JobLog.Completed(logger, jobName, period, outcome);
        return true;
    }
}
