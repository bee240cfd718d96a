-- A dataset keeps the earliest time it was seen; kind and commercial flag follow the newest import.
-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.Dataset WITH (HOLDLOCK) AS t
USING #Stage_Dataset AS s
    ON t.Namespace = s.Namespace AND t.Name = s.Name
WHEN MATCHED THEN UPDATE SET
    t.Kind = s.Kind,
    t.IsCommercial = s.IsCommercial,
    t.FirstSeen = CASE WHEN s.FirstSeen < t.FirstSeen THEN s.FirstSeen ELSE t.FirstSeen END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (Namespace, Name, Kind, IsCommercial, FirstSeen)
    VALUES (s.Namespace, s.Name, s.Kind, s.IsCommercial, s.FirstSeen);

DROP TABLE #Stage_Dataset;
