-- Staging table for an import of OptOut: SqlBulkCopy fills it, then OptOut_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_OptOut;
SELECT TOP (0) WorkerId, ProgramId, OptedOutAt, Scope INTO #Stage_OptOut FROM dbo.OptOut;
