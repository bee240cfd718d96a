-- A dataset keeps the earliest time it was seen; kind and commercial flag follow the newest import.
-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO Dataset (Namespace, Name, Kind, IsCommercial, FirstSeen)
SELECT Namespace, Name, Kind, IsCommercial, FirstSeen
FROM Stage_Dataset
WHERE true
ON CONFLICT (Namespace, Name) DO UPDATE SET
    Kind = excluded.Kind,
    IsCommercial = excluded.IsCommercial,
    FirstSeen = min(Dataset.FirstSeen, excluded.FirstSeen);

DROP TABLE temp.Stage_Dataset;
