-- Staging table for an import of CaptureBatch: SqlBulkCopy fills it, then CaptureBatch_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_CaptureBatch;
SELECT TOP (0) BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount INTO #Stage_CaptureBatch FROM dbo.CaptureBatch;
