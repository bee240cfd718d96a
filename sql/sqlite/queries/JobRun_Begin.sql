-- Claims (job, period) for this attempt: creates the row the first time, counts the attempt while it is not
-- completed, and leaves a completed period untouched. The caller then reads the row to decide.
INSERT INTO JobRun (JobName, Period, Status, Attempts, StartedAt, CompletedAt, BackgroundJobId, Outcome)
VALUES (@JobName, @Period, 'running', 0, @Now, NULL, @BackgroundJobId, NULL)
ON CONFLICT (JobName, Period) DO NOTHING;

UPDATE JobRun
SET Attempts = Attempts + 1, StartedAt = @Now, BackgroundJobId = @BackgroundJobId
WHERE JobName = @JobName AND Period = @Period AND Status <> 'completed';

SELECT JobName, Period, Status, Attempts, StartedAt, CompletedAt, BackgroundJobId, Outcome FROM JobRun WHERE JobName = @JobName AND Period = @Period;
