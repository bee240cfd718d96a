-- Staging table for a scan's affected workers: SqlBulkCopy fills it, then ScanFindingWorker_StageMerge inserts them.
DROP TABLE IF EXISTS #Stage_ScanFindingWorker;
SELECT TOP (0) ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState
INTO #Stage_ScanFindingWorker
FROM dbo.ScanFindingWorker;
