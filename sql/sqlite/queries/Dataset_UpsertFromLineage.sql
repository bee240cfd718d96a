-- A dataset named by a lineage event. Kind and commercial flag change only when the event classifies the
-- dataset; otherwise what an import said stands. Returns the dataset's id.
INSERT INTO Dataset (Namespace, Name, Kind, IsCommercial, FirstSeen, Facets)
VALUES (@Namespace, @Name, COALESCE(@Kind, 'unknown'), COALESCE(@IsCommercial, 0), @SeenAt, @Facets)
ON CONFLICT (Namespace, Name) DO UPDATE SET
    Kind = COALESCE(@Kind, Dataset.Kind),
    IsCommercial = COALESCE(@IsCommercial, Dataset.IsCommercial),
    FirstSeen = min(Dataset.FirstSeen, excluded.FirstSeen),
    Facets = COALESCE(excluded.Facets, Dataset.Facets)
RETURNING DatasetId;
