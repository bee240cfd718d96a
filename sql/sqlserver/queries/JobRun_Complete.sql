-- Written only after every file of the period is in place: the row that makes a re-run a no-op.
UPDATE dbo.JobRun SET Status = 'completed', CompletedAt = @Now, Outcome = @Outcome
WHERE JobName = @JobName AND Period = @Period;
