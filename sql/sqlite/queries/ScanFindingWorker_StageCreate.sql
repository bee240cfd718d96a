-- Staging table for a scan's affected workers: rows land here first, then ScanFindingWorker_StageMerge inserts them.
DROP TABLE IF EXISTS temp.Stage_ScanFindingWorker;
CREATE TEMP TABLE Stage_ScanFindingWorker AS
SELECT ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState FROM ScanFindingWorker WHERE 0;
