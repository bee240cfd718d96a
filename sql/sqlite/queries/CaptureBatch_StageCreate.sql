-- Staging table for an import of CaptureBatch: rows land here first, then CaptureBatch_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_CaptureBatch;
CREATE TEMP TABLE Stage_CaptureBatch AS SELECT BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount FROM CaptureBatch WHERE 0;
