-- Staging table for an import of OptOut: rows land here first, then OptOut_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_OptOut;
CREATE TEMP TABLE Stage_OptOut AS SELECT WorkerId, ProgramId, OptedOutAt, Scope FROM OptOut WHERE 0;
