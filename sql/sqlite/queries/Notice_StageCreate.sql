-- Staging table for an import of Notice: rows land here first, then Notice_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_Notice;
CREATE TEMP TABLE Stage_Notice AS SELECT NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut, Summary FROM Notice WHERE 0;
