-- The scan this one is compared with: the latest successful one judged as of the same day or earlier.
SELECT ScanId
FROM ScanRun
WHERE Status = 'succeeded' AND AsOf <= @AsOf AND ScanId <> @ScanId
ORDER BY AsOf DESC, ScanId DESC
LIMIT 1;
