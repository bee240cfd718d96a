-- An edge's window only widens: replays and out-of-order imports never move first/last seen inward.
-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.LineageEdge WITH (HOLDLOCK) AS t
USING #Stage_LineageEdge AS s
    ON t.SourceDatasetId = s.SourceDatasetId AND t.TargetDatasetId = s.TargetDatasetId AND t.JobNamespace = s.JobNamespace AND t.JobName = s.JobName
WHEN MATCHED THEN UPDATE SET
    t.Transform = s.Transform,
    t.FirstSeen = CASE WHEN s.FirstSeen < t.FirstSeen THEN s.FirstSeen ELSE t.FirstSeen END,
    t.LastSeen = CASE WHEN s.LastSeen > t.LastSeen THEN s.LastSeen ELSE t.LastSeen END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen)
    VALUES (s.SourceDatasetId, s.TargetDatasetId, s.JobNamespace, s.JobName, s.Transform, s.FirstSeen, s.LastSeen);

-- The imports' share of each edge, kept beside the runs' shares so that taking back a failed run's share
-- (LineageEdge_Recompute) leaves what the imports said.
MERGE dbo.LineageRunEdge WITH (HOLDLOCK) AS t
USING #Stage_LineageEdge AS s
    ON t.SourceDatasetId = s.SourceDatasetId AND t.TargetDatasetId = s.TargetDatasetId AND t.JobNamespace = s.JobNamespace
   AND t.JobName = s.JobName AND t.RunKey = 'import'
WHEN MATCHED THEN UPDATE SET
    t.Transform = s.Transform,
    t.FirstSeen = CASE WHEN s.FirstSeen < t.FirstSeen THEN s.FirstSeen ELSE t.FirstSeen END,
    t.LastSeen = CASE WHEN s.LastSeen > t.LastSeen THEN s.LastSeen ELSE t.LastSeen END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey, RunId, Transform, TransformKey, FirstSeen, LastSeen)
    VALUES (s.SourceDatasetId, s.TargetDatasetId, s.JobNamespace, s.JobName, 'import', NULL, s.Transform, NULL, s.FirstSeen, s.LastSeen);

DROP TABLE #Stage_LineageEdge;
