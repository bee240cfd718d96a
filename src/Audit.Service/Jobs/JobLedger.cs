using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Jobs;

/// <summary>One (job, period): completed once its effect is fully in place.</summary>
public sealed class JobRunRecord
{
    public string JobName { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public long Attempts { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? BackgroundJobId { get; set; }

    public string? Outcome { get; set; }

    public bool IsCompleted => Status == JobLedger.Completed;
}

/// <summary>One delivery of a period: a file copied to an audience folder, or a mail to one recipient.</summary>
public sealed class DeliveryRecord
{
    public string JobName { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string Target { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    /// <summary>More than one for a mail means an earlier attempt may have reached the recipient.</summary>
    public long Attempts { get; set; }

    public DateTime FirstAttemptAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}

/// <summary>
/// The JobRun and JobDelivery tables: what makes each job's effect happen once per period. A period is claimed
/// by (job, period); a delivery is recorded before it is made and marked sent after.
/// </summary>
public sealed class JobLedger(Database database)
{
    public const string Completed = "completed";
    public const string Sent = "sent";

    /// <summary>Counts this attempt unless the period is already completed; returns the period's row.</summary>
    public async Task<JobRunRecord> BeginAsync(string jobName, string period, string? backgroundJobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<JobRunRecord>(
            new CommandDefinition(database.Sql["JobRun_Begin"], new { JobName = jobName, Period = period, Now = DateTime.UtcNow, BackgroundJobId = backgroundJobId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    public async Task CompleteAsync(string jobName, string period, string outcome, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql["JobRun_Complete"], new { JobName = jobName, Period = period, Now = DateTime.UtcNow, Outcome = outcome }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<JobRunRecord>> RunsAsync(string jobName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<JobRunRecord>(new CommandDefinition(database.Sql["JobRun_GetByJob"], new { JobName = jobName }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The newest runs of every job, newest first (the admin page's jobs list).</summary>
    public async Task<IReadOnlyList<JobRunRecord>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<JobRunRecord>(new CommandDefinition(database.Sql["JobRun_ListRecent"], new { Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Records a delivery about to be made; false when this target already has it for the period.</summary>
    public async Task<bool> BeginDeliveryAsync(string jobName, string period, string channel, string target, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(database.Sql["JobDelivery_Begin"], new { JobName = jobName, Period = period, Channel = channel, Target = target, Now = DateTime.UtcNow }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    public async Task CompleteDeliveryAsync(string jobName, string period, string channel, string target, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql["JobDelivery_Complete"], new { JobName = jobName, Period = period, Channel = channel, Target = target, Now = DateTime.UtcNow }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DeliveryRecord>> DeliveriesAsync(string jobName, string period, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DeliveryRecord>(new CommandDefinition(database.Sql["JobDelivery_GetByPeriod"], new { JobName = jobName, Period = period }, cancellationToken: cancellationToken))).ToList();
    }
}
