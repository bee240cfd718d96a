-- The newest successful scan as of a day or earlier: the scan a guard decision names as its basis (null when none).
SELECT ScanId
FROM ScanRun
WHERE Status = 'succeeded' AND AsOf <= @AsOf
ORDER BY AsOf DESC, ScanId DESC
LIMIT 1;
