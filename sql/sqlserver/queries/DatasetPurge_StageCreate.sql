-- Staging table for an import of DatasetPurge: SqlBulkCopy fills it, then DatasetPurge_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_DatasetPurge;
SELECT TOP (0) DatasetId, PurgedOn, Reference, Note INTO #Stage_DatasetPurge FROM dbo.DatasetPurge;
