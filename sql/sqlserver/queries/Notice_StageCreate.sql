-- Staging table for an import of Notice: SqlBulkCopy fills it, then Notice_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_Notice;
SELECT TOP (0) NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut, Summary INTO #Stage_Notice FROM dbo.Notice;
