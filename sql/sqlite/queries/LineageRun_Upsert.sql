-- A run as its events describe it: the window of its event times, and its newest terminal event (COMPLETE, FAIL
-- or ABORT by order key), which decides whether it moved data. Returns that end type.
INSERT INTO LineageRun (RunKey, RunId, JobNamespace, JobName, FirstSeen, LastSeen, EndType, EndKey)
VALUES (@RunKey, @RunId, @JobNamespace, @JobName, @SeenAt, @SeenAt, @EndType, @EndKey)
ON CONFLICT (RunKey) DO UPDATE SET
    FirstSeen = min(LineageRun.FirstSeen, excluded.FirstSeen),
    LastSeen = max(LineageRun.LastSeen, excluded.LastSeen),
    EndType = CASE WHEN excluded.EndKey > COALESCE(LineageRun.EndKey, '') THEN excluded.EndType ELSE LineageRun.EndType END,
    EndKey = CASE WHEN excluded.EndKey > COALESCE(LineageRun.EndKey, '') THEN excluded.EndKey ELSE LineageRun.EndKey END
RETURNING EndType;
