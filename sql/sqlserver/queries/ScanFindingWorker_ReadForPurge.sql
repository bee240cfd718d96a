-- The affected workers of a finding in one scan: the purge scope asks the rules again over their batches only.
SELECT WorkerId
FROM ScanFindingWorker
WHERE ScanId = @ScanId AND FindingKey = @FindingKey
ORDER BY WorkerId;
