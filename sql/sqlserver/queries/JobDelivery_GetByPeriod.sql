-- Every delivery of one job's period, to skip what was already delivered.
SELECT JobName, Period, Channel, Target, Status, Attempts, FirstAttemptAt, CompletedAt
FROM dbo.JobDelivery WHERE JobName = @JobName AND Period = @Period ORDER BY Channel, Target;
