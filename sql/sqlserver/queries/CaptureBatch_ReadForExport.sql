-- Batches for a counsel export, in a fixed order so the same request over the same data gives the same rows.
-- A batch is in a date range when its capture window overlaps it: one that straddles an edge holds work from
-- inside the range, and counsel must see it.
SELECT BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount
FROM CaptureBatch
WHERE (@From IS NULL OR CapturedTo > @From OR CapturedFrom >= @From)
  AND (@To IS NULL OR CapturedFrom <= @To)
ORDER BY WorkerId, CapturedFrom, BatchId;
