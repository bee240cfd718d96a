-- Every successful scan, oldest first: which scan stands for a day, trends, comparisons and retention read these.
SELECT ScanId, AsOf, Summary, WorkersPrunedAt
FROM ScanRun
WHERE Status = 'succeeded'
ORDER BY AsOf, ScanId;
