-- Staging table for an import of DatasetPurge: rows land here first, then DatasetPurge_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_DatasetPurge;
CREATE TEMP TABLE Stage_DatasetPurge AS SELECT DatasetId, PurgedOn, Reference, Note FROM DatasetPurge WHERE 0;
