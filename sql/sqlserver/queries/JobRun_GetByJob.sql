-- A job's periods, newest first: what `jobs runs` prints and what the tests read.
SELECT JobName, Period, Status, Attempts, StartedAt, CompletedAt, BackgroundJobId, Outcome
FROM dbo.JobRun WHERE JobName = @JobName ORDER BY Period DESC;
