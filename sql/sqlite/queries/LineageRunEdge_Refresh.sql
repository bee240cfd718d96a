-- A run's share of each edge: every input it read by every output it wrote, over all its events, seen across the
-- run's window, with the newest transform its events gave for the pair. Shares only grow while the run has not
-- failed (a failed run's shares are deleted instead), so this upsert is all a new event needs.
INSERT INTO LineageRunEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey, RunId, Transform, TransformKey, FirstSeen, LastSeen)
SELECT i.DatasetId, o.DatasetId, r.JobNamespace, r.JobName, r.RunKey, NULLIF(r.RunId, ''),
       COALESCE(t.Transform, 'unknown'), t.TransformKey, r.FirstSeen, r.LastSeen
FROM LineageRun r
JOIN LineageRunDataset i ON i.RunKey = r.RunKey AND i.Direction = 'in'
JOIN LineageRunDataset o ON o.RunKey = r.RunKey AND o.Direction = 'out'
JOIN Dataset s ON s.DatasetId = i.DatasetId
LEFT JOIN LineageRunTransform t ON t.RunKey = r.RunKey AND t.TargetDatasetId = o.DatasetId
                               AND t.SourceNamespace = s.Namespace AND t.SourceName = s.Name
WHERE r.RunKey = @RunKey
ON CONFLICT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey) DO UPDATE SET
    Transform = excluded.Transform,
    TransformKey = excluded.TransformKey,
    FirstSeen = excluded.FirstSeen,
    LastSeen = excluded.LastSeen;
