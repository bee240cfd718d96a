-- Adds a run's shares to the edges the scan reads. The window only widens; the transform is the newest known one
-- by order key (a known transform is never replaced by 'unknown'; an event's beats an import's, which has no
-- time); run id and facets (the target's, as its newest event gave them) follow the latest share, a tie going to the
-- greater run id so that the result never depends on arrival order.
INSERT INTO LineageEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, TransformKey, FirstSeen, LastSeen, LastRunId, Facets)
SELECT e.SourceDatasetId, e.TargetDatasetId, e.JobNamespace, e.JobName, e.Transform,
       CASE WHEN e.Transform <> 'unknown' THEN e.TransformKey END, e.FirstSeen, e.LastSeen, e.RunId, d.Facets
FROM LineageRunEdge e
JOIN Dataset d ON d.DatasetId = e.TargetDatasetId
WHERE e.RunKey = @RunKey
ON CONFLICT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName) DO UPDATE SET
    Transform = CASE WHEN excluded.Transform <> 'unknown'
                      AND (LineageEdge.Transform = 'unknown' OR excluded.TransformKey > COALESCE(LineageEdge.TransformKey, ''))
                     THEN excluded.Transform ELSE LineageEdge.Transform END,
    TransformKey = CASE WHEN excluded.Transform <> 'unknown'
                         AND (LineageEdge.Transform = 'unknown' OR excluded.TransformKey > COALESCE(LineageEdge.TransformKey, ''))
                        THEN excluded.TransformKey ELSE LineageEdge.TransformKey END,
    LastRunId = CASE WHEN excluded.LastSeen > LineageEdge.LastSeen
                       OR (excluded.LastSeen = LineageEdge.LastSeen AND COALESCE(excluded.LastRunId, '') >= COALESCE(LineageEdge.LastRunId, ''))
                     THEN excluded.LastRunId ELSE LineageEdge.LastRunId END,
    Facets = CASE WHEN excluded.LastSeen >= LineageEdge.LastSeen THEN COALESCE(excluded.Facets, LineageEdge.Facets) ELSE LineageEdge.Facets END,
    FirstSeen = min(LineageEdge.FirstSeen, excluded.FirstSeen),
    LastSeen = max(LineageEdge.LastSeen, excluded.LastSeen);
