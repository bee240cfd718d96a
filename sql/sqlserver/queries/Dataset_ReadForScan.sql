-- Every dataset: a dataset is classification metadata; what existed when is decided by edges and batches.
SELECT DatasetId, Namespace, Name, Kind, IsCommercial
FROM Dataset;
