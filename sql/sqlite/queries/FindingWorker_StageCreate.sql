-- Staging table for a scan's affected workers: rows land here first, then FindingWorker_StageMerge inserts them.
DROP TABLE IF EXISTS temp.Stage_FindingWorker;
CREATE TEMP TABLE Stage_FindingWorker AS SELECT FindingKey, WorkerId, Location, Quantity FROM FindingWorker WHERE 0;
