-- An edge seen in a lineage event. Events arrive out of order and repeated: the seen-window only widens, and the
-- run id, transform and facets follow the newest event (a known transform is never replaced by 'unknown').
INSERT INTO LineageEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen, LastRunId, Facets)
VALUES (@SourceDatasetId, @TargetDatasetId, @JobNamespace, @JobName, @Transform, @SeenAt, @SeenAt, @RunId, @Facets)
ON CONFLICT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName) DO UPDATE SET
    Transform = CASE WHEN excluded.Transform <> 'unknown' AND (excluded.LastSeen >= LineageEdge.LastSeen OR LineageEdge.Transform = 'unknown')
                     THEN excluded.Transform ELSE LineageEdge.Transform END,
    LastRunId = CASE WHEN excluded.LastSeen >= LineageEdge.LastSeen THEN excluded.LastRunId ELSE LineageEdge.LastRunId END,
    Facets = CASE WHEN excluded.LastSeen >= LineageEdge.LastSeen THEN COALESCE(excluded.Facets, LineageEdge.Facets) ELSE LineageEdge.Facets END,
    FirstSeen = min(LineageEdge.FirstSeen, excluded.FirstSeen),
    LastSeen = max(LineageEdge.LastSeen, excluded.LastSeen);
