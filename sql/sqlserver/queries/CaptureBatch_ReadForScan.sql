-- Every batch whose capture window closed by the end of the as-of day: the one pass the scan makes over batches.
SELECT WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes
FROM CaptureBatch
WHERE CapturedTo < @Cutoff;
