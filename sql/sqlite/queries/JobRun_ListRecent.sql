-- The newest job runs of every job (by when they started), for the admin page's jobs list.
SELECT JobName, Period, Status, Attempts, StartedAt, CompletedAt, BackgroundJobId, Outcome
FROM JobRun
ORDER BY StartedAt DESC, JobName, Period DESC
LIMIT @Limit;
