-- A dataset named by a lineage event. Kind and commercial flag follow the newest event that states them (by
-- order key: event time to the tick, then hash), whatever order events arrive in; an event silent about them,
-- or older than the one that set them, leaves them (and what an import said) alone. Returns the dataset's id.
INSERT INTO Dataset (Namespace, Name, Kind, IsCommercial, FirstSeen, Facets, FacetsSeenAt, KindKey, CommercialKey)
VALUES (@Namespace, @Name, COALESCE(@Kind, 'unknown'), COALESCE(@IsCommercial, 0), @SeenAt, @Facets, @SeenAt,
        CASE WHEN @Kind IS NULL THEN NULL ELSE @OrderKey END, CASE WHEN @IsCommercial IS NULL THEN NULL ELSE @OrderKey END)
ON CONFLICT (Namespace, Name) DO UPDATE SET
    Kind = CASE WHEN excluded.KindKey > COALESCE(Dataset.KindKey, '') THEN excluded.Kind ELSE Dataset.Kind END,
    KindKey = CASE WHEN excluded.KindKey > COALESCE(Dataset.KindKey, '') THEN excluded.KindKey ELSE Dataset.KindKey END,
    IsCommercial = CASE WHEN excluded.CommercialKey > COALESCE(Dataset.CommercialKey, '') THEN excluded.IsCommercial ELSE Dataset.IsCommercial END,
    CommercialKey = CASE WHEN excluded.CommercialKey > COALESCE(Dataset.CommercialKey, '') THEN excluded.CommercialKey ELSE Dataset.CommercialKey END,
    FirstSeen = min(Dataset.FirstSeen, excluded.FirstSeen),
    Facets = CASE WHEN Dataset.FacetsSeenAt IS NULL OR excluded.FacetsSeenAt >= Dataset.FacetsSeenAt
                  THEN COALESCE(excluded.Facets, Dataset.Facets) ELSE Dataset.Facets END,
    FacetsSeenAt = CASE WHEN Dataset.FacetsSeenAt IS NULL OR excluded.FacetsSeenAt >= Dataset.FacetsSeenAt
                        THEN excluded.FacetsSeenAt ELSE Dataset.FacetsSeenAt END
RETURNING DatasetId;
