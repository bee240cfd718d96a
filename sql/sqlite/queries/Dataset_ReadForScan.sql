SELECT DatasetId, Namespace, Name, Kind, IsCommercial
FROM Dataset
WHERE FirstSeen < @Cutoff;
