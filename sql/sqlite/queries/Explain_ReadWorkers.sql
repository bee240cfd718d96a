-- The first @Limit affected workers of a finding in one scan, by id, with where they were at capture time.
SELECT WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState
FROM ScanFindingWorker
WHERE ScanId = @ScanId AND FindingKey = @FindingKey
ORDER BY WorkerId
LIMIT @Limit;
