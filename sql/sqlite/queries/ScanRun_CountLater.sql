-- Successful scans judged as of a later day: if there are any, this scan is history and leaves the live findings alone.
SELECT COUNT(*)
FROM ScanRun
WHERE Status = 'succeeded' AND AsOf > @AsOf;
