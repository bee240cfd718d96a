-- Upserts staged rows on the natural key (dataset, day), so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.DatasetPurge WITH (HOLDLOCK) AS t
USING #Stage_DatasetPurge AS s
    ON t.DatasetId = s.DatasetId AND t.PurgedOn = s.PurgedOn
WHEN MATCHED THEN UPDATE SET
    t.Reference = s.Reference,
    t.Note = s.Note
WHEN NOT MATCHED BY TARGET THEN
    INSERT (DatasetId, PurgedOn, Reference, Note)
    VALUES (s.DatasetId, s.PurgedOn, s.Reference, s.Note);

DROP TABLE #Stage_DatasetPurge;
