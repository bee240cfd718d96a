-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.CaptureBatch WITH (HOLDLOCK) AS t
USING #Stage_CaptureBatch AS s
    ON t.BatchId = s.BatchId
WHEN MATCHED THEN UPDATE SET
    t.WorkerId = s.WorkerId,
    t.ToolId = s.ToolId,
    t.ConfigVersion = s.ConfigVersion,
    t.DatasetId = s.DatasetId,
    t.CapturedFrom = s.CapturedFrom,
    t.CapturedTo = s.CapturedTo,
    t.ActiveMinutes = s.ActiveMinutes,
    t.EventCount = s.EventCount
WHEN NOT MATCHED BY TARGET THEN
    INSERT (BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount)
    VALUES (s.BatchId, s.WorkerId, s.ToolId, s.ConfigVersion, s.DatasetId, s.CapturedFrom, s.CapturedTo, s.ActiveMinutes, s.EventCount);

DROP TABLE #Stage_CaptureBatch;
