-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO CaptureBatch (BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount)
SELECT BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount
FROM Stage_CaptureBatch
WHERE true
ON CONFLICT (BatchId) DO UPDATE SET
    WorkerId = excluded.WorkerId,
    ToolId = excluded.ToolId,
    ConfigVersion = excluded.ConfigVersion,
    DatasetId = excluded.DatasetId,
    CapturedFrom = excluded.CapturedFrom,
    CapturedTo = excluded.CapturedTo,
    ActiveMinutes = excluded.ActiveMinutes,
    EventCount = excluded.EventCount;

DROP TABLE temp.Stage_CaptureBatch;
