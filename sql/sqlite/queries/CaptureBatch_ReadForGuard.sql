-- The batches a proposed flow would carry: those landed in the flow's inputs or their ancestors (a JSON array of
-- dataset ids) whose capture window closed by the end of the decision's day, by worker as the scan reads them.
SELECT BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes
FROM CaptureBatch
WHERE CapturedTo < @Cutoff
  AND DatasetId IN (SELECT value FROM json_each(@DatasetIds))
ORDER BY WorkerId, CapturedFrom;
