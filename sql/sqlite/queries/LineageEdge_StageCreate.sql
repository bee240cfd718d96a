-- Staging table for an import of LineageEdge: rows land here first, then LineageEdge_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_LineageEdge;
CREATE TEMP TABLE Stage_LineageEdge AS SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen FROM LineageEdge WHERE 0;
