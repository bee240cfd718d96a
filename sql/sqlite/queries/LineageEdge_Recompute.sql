-- After a run's shares were taken back (it failed or was aborted): the edge becomes the union of the shares
-- left, or goes when none is left. Runs only for a retraction, so its cost does not touch the common path.
UPDATE LineageEdge SET
    FirstSeen = (SELECT min(e.FirstSeen) FROM LineageRunEdge e
                 WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName),
    LastSeen = (SELECT max(e.LastSeen) FROM LineageRunEdge e
                WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName),
    Transform = COALESCE((SELECT e.Transform FROM LineageRunEdge e
                          WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName
                            AND e.Transform <> 'unknown'
                          ORDER BY e.TransformKey DESC LIMIT 1), 'unknown'),
    TransformKey = (SELECT e.TransformKey FROM LineageRunEdge e
                    WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName
                      AND e.Transform <> 'unknown'
                    ORDER BY e.TransformKey DESC LIMIT 1),
    LastRunId = (SELECT e.RunId FROM LineageRunEdge e
                 WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName
                 ORDER BY e.LastSeen DESC, COALESCE(e.RunId, '') DESC LIMIT 1)
WHERE SourceDatasetId = @SourceDatasetId AND TargetDatasetId = @TargetDatasetId AND JobNamespace = @JobNamespace AND JobName = @JobName
  AND EXISTS (SELECT 1 FROM LineageRunEdge e
              WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName);

DELETE FROM LineageEdge
WHERE SourceDatasetId = @SourceDatasetId AND TargetDatasetId = @TargetDatasetId AND JobNamespace = @JobNamespace AND JobName = @JobName
  AND NOT EXISTS (SELECT 1 FROM LineageRunEdge e
                  WHERE e.SourceDatasetId = @SourceDatasetId AND e.TargetDatasetId = @TargetDatasetId AND e.JobNamespace = @JobNamespace AND e.JobName = @JobName);
