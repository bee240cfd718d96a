-- An edge seen in a lineage event. Events arrive out of order and repeated: the seen-window only widens,
-- the run id follows the latest event, and a known transform is never replaced by 'unknown'.
INSERT INTO LineageEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen, LastRunId, Facets)
VALUES (@SourceDatasetId, @TargetDatasetId, @JobNamespace, @JobName, @Transform, @SeenAt, @SeenAt, @RunId, @Facets)
ON CONFLICT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName) DO UPDATE SET
    Transform = CASE WHEN excluded.Transform = 'unknown' THEN LineageEdge.Transform ELSE excluded.Transform END,
    LastRunId = CASE WHEN excluded.LastSeen >= LineageEdge.LastSeen THEN excluded.LastRunId ELSE LineageEdge.LastRunId END,
    FirstSeen = min(LineageEdge.FirstSeen, excluded.FirstSeen),
    LastSeen = max(LineageEdge.LastSeen, excluded.LastSeen),
    Facets = COALESCE(excluded.Facets, LineageEdge.Facets);
