-- After a run's shares were taken back (it failed or was aborted): the edge becomes the union of the shares
-- left, or goes when none is left. Runs only for a retraction, so its cost does not touch the common path.
UPDATE t SET
    t.FirstSeen = a.FirstSeen,
    t.LastSeen = a.LastSeen,
    t.Transform = COALESCE(k.Transform, 'unknown'),
    t.TransformKey = k.TransformKey,
    t.LastRunId = l.RunId
FROM dbo.LineageEdge t
CROSS APPLY (SELECT MIN(e.FirstSeen) AS FirstSeen, MAX(e.LastSeen) AS LastSeen FROM dbo.LineageRunEdge e
             WHERE e.SourceDatasetId = t.SourceDatasetId AND e.TargetDatasetId = t.TargetDatasetId
               AND e.JobNamespace = t.JobNamespace AND e.JobName = t.JobName) AS a
OUTER APPLY (SELECT TOP (1) e.Transform, e.TransformKey FROM dbo.LineageRunEdge e
             WHERE e.SourceDatasetId = t.SourceDatasetId AND e.TargetDatasetId = t.TargetDatasetId
               AND e.JobNamespace = t.JobNamespace AND e.JobName = t.JobName AND e.Transform <> 'unknown'
             ORDER BY e.TransformKey DESC) AS k
OUTER APPLY (SELECT TOP (1) e.RunId FROM dbo.LineageRunEdge e
             WHERE e.SourceDatasetId = t.SourceDatasetId AND e.TargetDatasetId = t.TargetDatasetId
               AND e.JobNamespace = t.JobNamespace AND e.JobName = t.JobName
             ORDER BY e.LastSeen DESC, COALESCE(e.RunId, '') DESC) AS l
WHERE t.SourceDatasetId = @SourceDatasetId AND t.TargetDatasetId = @TargetDatasetId
  AND t.JobNamespace = @JobNamespace AND t.JobName = @JobName
  AND a.FirstSeen IS NOT NULL;

DELETE FROM dbo.LineageEdge
WHERE SourceDatasetId = @SourceDatasetId AND TargetDatasetId = @TargetDatasetId AND JobNamespace = @JobNamespace AND JobName = @JobName
  AND NOT EXISTS (SELECT 1 FROM dbo.LineageRunEdge e
                  WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId
                    AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName);
