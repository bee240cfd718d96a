-- A worker's termination, when it fell on or before the as-of date.
SELECT TerminationDate, TerminationReason
FROM Worker
WHERE WorkerId = @WorkerId AND TerminationDate IS NOT NULL AND TerminationDate <= @AsOf;
