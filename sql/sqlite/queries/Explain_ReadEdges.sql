-- The lineage edges downstream of one dataset, first seen by the end of the as-of day (depth-bounded: lineage can loop).
WITH RECURSIVE Downstream (DatasetId, Depth) AS (
    SELECT @DatasetId, 0
    UNION
    SELECT e.TargetDatasetId, d.Depth + 1
    FROM Downstream d
    JOIN LineageEdge e ON e.SourceDatasetId = d.DatasetId
    WHERE e.FirstSeen < @Cutoff AND d.Depth < 12
)
SELECT DISTINCT e.SourceDatasetId, s.Namespace AS SourceNamespace, s.Name AS SourceName, e.TargetDatasetId, t.Namespace AS TargetNamespace, t.Name AS TargetName,
       t.Kind AS TargetKind, t.IsCommercial AS TargetCommercial, e.JobNamespace, e.JobName, e.Transform, e.FirstSeen, e.LastSeen
FROM LineageEdge e
JOIN Dataset s ON s.DatasetId = e.SourceDatasetId
JOIN Dataset t ON t.DatasetId = e.TargetDatasetId
WHERE e.FirstSeen < @Cutoff AND e.SourceDatasetId IN (SELECT DatasetId FROM Downstream)
ORDER BY e.SourceDatasetId, e.TargetDatasetId, e.JobNamespace, e.JobName;
