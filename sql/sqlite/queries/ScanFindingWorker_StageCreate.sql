-- Staging table for a scan's affected workers (SQL Server: bulk copy lands here). SQLite appends straight to ScanFindingWorker
-- (StageWriter.AppendAsync), which halves the writing; this file keeps the two dialects' query names the same.
DROP TABLE IF EXISTS temp.Stage_ScanFindingWorker;
CREATE TEMP TABLE Stage_ScanFindingWorker AS
SELECT ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState FROM ScanFindingWorker WHERE 0;
