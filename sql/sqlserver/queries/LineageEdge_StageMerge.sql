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

DROP TABLE #Stage_LineageEdge;
