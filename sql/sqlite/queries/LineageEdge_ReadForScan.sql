-- Edges first seen by the end of the as-of day; the scan clips last-seen to the as-of day.
SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen
FROM LineageEdge
WHERE FirstSeen < @Cutoff;
