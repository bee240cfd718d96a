-- A run's share of each edge: every input it read by every output it wrote, over all its events, seen across the
-- run's window, with the newest transform its events gave for the pair. Shares only grow while the run has not
-- failed (a failed run's shares are deleted instead), so this upsert is all a new event needs.
MERGE dbo.LineageRunEdge WITH (HOLDLOCK) AS t
USING (
    SELECT i.DatasetId AS SourceDatasetId, o.DatasetId AS TargetDatasetId, r.JobNamespace, r.JobName, r.RunKey,
           NULLIF(r.RunId, '') AS RunId, COALESCE(x.Transform, 'unknown') AS Transform, x.TransformKey,
           r.FirstSeen, r.LastSeen
    FROM dbo.LineageRun r
    JOIN dbo.LineageRunDataset i ON i.RunKey = r.RunKey AND i.Direction = 'in'
    JOIN dbo.LineageRunDataset o ON o.RunKey = r.RunKey AND o.Direction = 'out'
    JOIN dbo.Dataset d ON d.DatasetId = i.DatasetId
    LEFT JOIN dbo.LineageRunTransform x ON x.RunKey = r.RunKey AND x.TargetDatasetId = o.DatasetId
                                       AND x.SourceNamespace = d.Namespace AND x.SourceName = d.Name
    WHERE r.RunKey = @RunKey
) AS s
    ON t.SourceDatasetId = s.SourceDatasetId AND t.TargetDatasetId = s.TargetDatasetId
   AND t.JobNamespace = s.JobNamespace AND t.JobName = s.JobName AND t.RunKey = s.RunKey
WHEN MATCHED THEN UPDATE SET
    t.Transform = s.Transform,
    t.TransformKey = s.TransformKey,
    t.FirstSeen = s.FirstSeen,
    t.LastSeen = s.LastSeen
WHEN NOT MATCHED BY TARGET THEN
    INSERT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey, RunId, Transform, TransformKey, FirstSeen, LastSeen)
    VALUES (s.SourceDatasetId, s.TargetDatasetId, s.JobNamespace, s.JobName, s.RunKey, s.RunId, s.Transform, s.TransformKey, s.FirstSeen, s.LastSeen);
