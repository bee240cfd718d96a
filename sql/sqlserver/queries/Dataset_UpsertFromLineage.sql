-- A dataset named by a lineage event. Kind and commercial flag follow the newest event that states them (by
-- order key: event time to the tick, then hash), whatever order events arrive in; an event silent about them,
-- or older than the one that set them, leaves them (and what an import said) alone. Returns the dataset's id.
MERGE dbo.Dataset WITH (HOLDLOCK) AS t
USING (SELECT @Namespace AS Namespace, @Name AS Name) AS s
    ON t.Namespace = s.Namespace AND t.Name = s.Name
WHEN MATCHED THEN UPDATE SET
    t.Kind = CASE WHEN @Kind IS NOT NULL AND @OrderKey > COALESCE(t.KindKey, '') THEN @Kind ELSE t.Kind END,
    t.KindKey = CASE WHEN @Kind IS NOT NULL AND @OrderKey > COALESCE(t.KindKey, '') THEN @OrderKey ELSE t.KindKey END,
    t.IsCommercial = CASE WHEN @IsCommercial IS NOT NULL AND @OrderKey > COALESCE(t.CommercialKey, '') THEN @IsCommercial ELSE t.IsCommercial END,
    t.CommercialKey = CASE WHEN @IsCommercial IS NOT NULL AND @OrderKey > COALESCE(t.CommercialKey, '') THEN @OrderKey ELSE t.CommercialKey END,
    t.FirstSeen = CASE WHEN @SeenAt < t.FirstSeen THEN @SeenAt ELSE t.FirstSeen END,
    t.Facets = CASE WHEN t.FacetsSeenAt IS NULL OR @SeenAt >= t.FacetsSeenAt THEN COALESCE(@Facets, t.Facets) ELSE t.Facets END,
    t.FacetsSeenAt = CASE WHEN t.FacetsSeenAt IS NULL OR @SeenAt >= t.FacetsSeenAt THEN @SeenAt ELSE t.FacetsSeenAt END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (Namespace, Name, Kind, IsCommercial, FirstSeen, Facets, FacetsSeenAt, KindKey, CommercialKey)
    VALUES (@Namespace, @Name, COALESCE(@Kind, 'unknown'), COALESCE(@IsCommercial, 0), @SeenAt, @Facets, @SeenAt,
            CASE WHEN @Kind IS NULL THEN NULL ELSE @OrderKey END, CASE WHEN @IsCommercial IS NULL THEN NULL ELSE @OrderKey END)
OUTPUT inserted.DatasetId;
