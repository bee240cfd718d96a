-- Staging table for a scan's affected workers: SqlBulkCopy fills it, then FindingWorker_StageMerge inserts them.
DROP TABLE IF EXISTS #Stage_FindingWorker;
SELECT TOP (0) FindingKey, WorkerId, Location, Quantity INTO #Stage_FindingWorker FROM dbo.FindingWorker;
