-- Staging table for an import of LineageEdge: SqlBulkCopy fills it, then LineageEdge_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_LineageEdge;
SELECT TOP (0) SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen INTO #Stage_LineageEdge FROM dbo.LineageEdge;
