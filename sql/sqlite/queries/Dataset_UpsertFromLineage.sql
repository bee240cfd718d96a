-- A dataset named by a lineage event. Kind and commercial flag change only when the event classifies the
-- dataset; otherwise what an import said stands. Facets follow the newest event, whatever order events arrive in.
-- Returns the dataset's id.
INSERT INTO Dataset (Namespace, Name, Kind, IsCommercial, FirstSeen, Facets, FacetsSeenAt)
VALUES (@Namespace, @Name, COALESCE(@Kind, 'unknown'), COALESCE(@IsCommercial, 0), @SeenAt, @Facets, @SeenAt)
ON CONFLICT (Namespace, Name) DO UPDATE SET
    Kind = COALESCE(@Kind, Dataset.Kind),
    IsCommercial = COALESCE(@IsCommercial, Dataset.IsCommercial),
    FirstSeen = min(Dataset.FirstSeen, excluded.FirstSeen),
    Facets = CASE WHEN Dataset.FacetsSeenAt IS NULL OR excluded.FacetsSeenAt >= Dataset.FacetsSeenAt
                  THEN COALESCE(excluded.Facets, Dataset.Facets) ELSE Dataset.Facets END,
    FacetsSeenAt = CASE WHEN Dataset.FacetsSeenAt IS NULL OR excluded.FacetsSeenAt >= Dataset.FacetsSeenAt
                        THEN excluded.FacetsSeenAt ELSE Dataset.FacetsSeenAt END
RETURNING DatasetId;
