-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.OptOut WITH (HOLDLOCK) AS t
USING #Stage_OptOut AS s
    ON t.WorkerId = s.WorkerId AND t.ProgramId = s.ProgramId AND t.OptedOutAt = s.OptedOutAt
WHEN MATCHED THEN UPDATE SET
    t.Scope = s.Scope
WHEN NOT MATCHED BY TARGET THEN
    INSERT (WorkerId, ProgramId, OptedOutAt, Scope)
    VALUES (s.WorkerId, s.ProgramId, s.OptedOutAt, s.Scope);

DROP TABLE #Stage_OptOut;
