-- Staging table for an import of Dataset: rows land here first, then Dataset_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_Dataset;
CREATE TEMP TABLE Stage_Dataset AS SELECT Namespace, Name, Kind, IsCommercial, FirstSeen FROM Dataset WHERE 0;
