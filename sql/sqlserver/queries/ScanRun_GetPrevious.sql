-- The scan this one is compared with: the latest successful one judged as of the same day or earlier.
SELECT TOP (1) ScanId
FROM dbo.ScanRun
WHERE Status = 'succeeded' AND AsOf <= @AsOf AND ScanId <> @ScanId
ORDER BY AsOf DESC, ScanId DESC;
