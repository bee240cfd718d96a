-- Staging table for an import of WorkforceEvent: rows land here first, then WorkforceEvent_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_WorkforceEvent;
CREATE TEMP TABLE Stage_WorkforceEvent AS SELECT EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description FROM WorkforceEvent WHERE 0;
