-- A run as its events describe it: the window of its event times, and its newest terminal event (COMPLETE, FAIL
-- or ABORT by order key), which decides whether it moved data. Returns that end type.
MERGE dbo.LineageRun WITH (HOLDLOCK) AS t
USING (SELECT @RunKey AS RunKey) AS s
    ON t.RunKey = s.RunKey
WHEN MATCHED THEN UPDATE SET
    t.FirstSeen = CASE WHEN @SeenAt < t.FirstSeen THEN @SeenAt ELSE t.FirstSeen END,
    t.LastSeen = CASE WHEN @SeenAt > t.LastSeen THEN @SeenAt ELSE t.LastSeen END,
    t.EndType = CASE WHEN @EndKey > COALESCE(t.EndKey, '') THEN @EndType ELSE t.EndType END,
    t.EndKey = CASE WHEN @EndKey > COALESCE(t.EndKey, '') THEN @EndKey ELSE t.EndKey END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (RunKey, RunId, JobNamespace, JobName, FirstSeen, LastSeen, EndType, EndKey)
    VALUES (@RunKey, @RunId, @JobNamespace, @JobName, @SeenAt, @SeenAt, @EndType, @EndKey)
OUTPUT inserted.EndType;
