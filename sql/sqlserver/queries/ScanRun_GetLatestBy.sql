-- The newest successful scan as of a day or earlier: the scan a guard decision names as its basis (null when none).
SELECT TOP (1) ScanId
FROM dbo.ScanRun
WHERE Status = 'succeeded' AND AsOf <= @AsOf
ORDER BY AsOf DESC, ScanId DESC;
