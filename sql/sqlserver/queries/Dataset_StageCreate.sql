-- Staging table for an import of Dataset: SqlBulkCopy fills it, then Dataset_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_Dataset;
SELECT TOP (0) Namespace, Name, Kind, IsCommercial, FirstSeen INTO #Stage_Dataset FROM dbo.Dataset;
