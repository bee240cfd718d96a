-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO WorkerLocation (WorkerId, ValidFrom, ValidTo, CountryCode, SubdivisionCode)
SELECT WorkerId, ValidFrom, ValidTo, CountryCode, SubdivisionCode
FROM Stage_WorkerLocation
WHERE true
ON CONFLICT (WorkerId, ValidFrom) DO UPDATE SET
    ValidTo = excluded.ValidTo,
    CountryCode = excluded.CountryCode,
    SubdivisionCode = excluded.SubdivisionCode;

DROP TABLE temp.Stage_WorkerLocation;
