-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO OptOut (WorkerId, ProgramId, OptedOutAt, Scope)
SELECT WorkerId, ProgramId, OptedOutAt, Scope
FROM Stage_OptOut
WHERE true
ON CONFLICT (WorkerId, ProgramId, OptedOutAt) DO UPDATE SET
    Scope = excluded.Scope;

DROP TABLE temp.Stage_OptOut;
