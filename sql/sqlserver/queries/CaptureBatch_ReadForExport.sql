-- Batches for a counsel export, in a fixed order so the same request over the same data gives the same rows.
SELECT BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount
FROM CaptureBatch
WHERE (@From IS NULL OR CapturedFrom >= @From)
  AND (@To IS NULL OR CapturedTo <= @To)
ORDER BY WorkerId, CapturedFrom, BatchId;
