-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.WorkerLocation WITH (HOLDLOCK) AS t
USING #Stage_WorkerLocation AS s
    ON t.WorkerId = s.WorkerId AND t.ValidFrom = s.ValidFrom
WHEN MATCHED THEN UPDATE SET
    t.ValidTo = s.ValidTo,
    t.CountryCode = s.CountryCode,
    t.SubdivisionCode = s.SubdivisionCode
WHEN NOT MATCHED BY TARGET THEN
    INSERT (WorkerId, ValidFrom, ValidTo, CountryCode, SubdivisionCode)
    VALUES (s.WorkerId, s.ValidFrom, s.ValidTo, s.CountryCode, s.SubdivisionCode);

DROP TABLE #Stage_WorkerLocation;
