-- Upserts staged rows on the natural key (dataset, day), so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO DatasetPurge (DatasetId, PurgedOn, Reference, Note)
SELECT DatasetId, PurgedOn, Reference, Note
FROM Stage_DatasetPurge
WHERE true
ON CONFLICT (DatasetId, PurgedOn) DO UPDATE SET
    Reference = excluded.Reference,
    Note = excluded.Note;

DROP TABLE temp.Stage_DatasetPurge;
