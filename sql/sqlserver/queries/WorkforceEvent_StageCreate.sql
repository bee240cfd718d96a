-- Staging table for an import of WorkforceEvent: SqlBulkCopy fills it, then WorkforceEvent_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_WorkforceEvent;
SELECT TOP (0) EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description INTO #Stage_WorkforceEvent FROM dbo.WorkforceEvent;
