-- An edge's window only widens: replays and out-of-order imports never move first/last seen inward.
-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO LineageEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen)
SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen
FROM Stage_LineageEdge
WHERE true
ON CONFLICT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName) DO UPDATE SET
    Transform = excluded.Transform,
    FirstSeen = min(LineageEdge.FirstSeen, excluded.FirstSeen),
    LastSeen = max(LineageEdge.LastSeen, excluded.LastSeen);

-- The imports' share of each edge, kept beside the runs' shares so that taking back a failed run's share
-- (LineageEdge_Recompute) leaves what the imports said.
INSERT INTO LineageRunEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey, RunId, Transform, TransformKey, FirstSeen, LastSeen)
SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName, 'import', NULL, Transform, NULL, FirstSeen, LastSeen
FROM Stage_LineageEdge
WHERE true
ON CONFLICT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey) DO UPDATE SET
    Transform = excluded.Transform,
    FirstSeen = min(LineageRunEdge.FirstSeen, excluded.FirstSeen),
    LastSeen = max(LineageRunEdge.LastSeen, excluded.LastSeen);

DROP TABLE temp.Stage_LineageEdge;
