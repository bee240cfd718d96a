-- Every successful scan, oldest first: trends and quarter comparisons read their summaries.
SELECT ScanId, AsOf, Summary
FROM ScanRun
WHERE Status = 'succeeded'
ORDER BY AsOf, ScanId;
