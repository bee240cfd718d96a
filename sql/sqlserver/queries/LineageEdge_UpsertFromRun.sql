-- Adds a run's shares to the edges the scan reads. The window only widens; the transform is the newest known one
-- by order key (a known transform is never replaced by 'unknown'; an event's beats an import's, which has no
-- time); run id and facets (the target's, as its newest event gave them) follow the latest share, a tie going to the
-- greater run id so that the result never depends on arrival order.
MERGE dbo.LineageEdge WITH (HOLDLOCK) AS t
USING (
    SELECT e.SourceDatasetId, e.TargetDatasetId, e.JobNamespace, e.JobName, e.Transform,
           CASE WHEN e.Transform <> 'unknown' THEN e.TransformKey END AS TransformKey,
           e.FirstSeen, e.LastSeen, e.RunId, d.Facets
    FROM dbo.LineageRunEdge e
    JOIN dbo.Dataset d ON d.DatasetId = e.TargetDatasetId
    WHERE e.RunKey = @RunKey
) AS s
    ON t.SourceDatasetId = s.SourceDatasetId AND t.TargetDatasetId = s.TargetDatasetId
   AND t.JobNamespace = s.JobNamespace AND t.JobName = s.JobName
WHEN MATCHED THEN UPDATE SET
    t.Transform = CASE WHEN s.Transform <> 'unknown' AND (t.Transform = 'unknown' OR s.TransformKey > COALESCE(t.TransformKey, ''))
                       THEN s.Transform ELSE t.Transform END,
    t.TransformKey = CASE WHEN s.Transform <> 'unknown' AND (t.Transform = 'unknown' OR s.TransformKey > COALESCE(t.TransformKey, ''))
                          THEN s.TransformKey ELSE t.TransformKey END,
    t.LastRunId = CASE WHEN s.LastSeen > t.LastSeen OR (s.LastSeen = t.LastSeen AND COALESCE(s.RunId, '') >= COALESCE(t.LastRunId, ''))
                       THEN s.RunId ELSE t.LastRunId END,
    t.Facets = CASE WHEN s.LastSeen >= t.LastSeen THEN COALESCE(s.Facets, t.Facets) ELSE t.Facets END,
    t.FirstSeen = CASE WHEN s.FirstSeen < t.FirstSeen THEN s.FirstSeen ELSE t.FirstSeen END,
    t.LastSeen = CASE WHEN s.LastSeen > t.LastSeen THEN s.LastSeen ELSE t.LastSeen END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, TransformKey, FirstSeen, LastSeen, LastRunId, Facets)
    VALUES (s.SourceDatasetId, s.TargetDatasetId, s.JobNamespace, s.JobName, s.Transform, s.TransformKey, s.FirstSeen, s.LastSeen, s.RunId, s.Facets);
