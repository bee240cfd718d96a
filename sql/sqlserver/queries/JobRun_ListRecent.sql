-- The newest job runs of every job (by when they started), for the admin page's jobs list.
SELECT TOP (@Limit) JobName, Period, Status, Attempts, StartedAt, CompletedAt, BackgroundJobId, Outcome
FROM dbo.JobRun
ORDER BY StartedAt DESC, JobName, Period DESC;
