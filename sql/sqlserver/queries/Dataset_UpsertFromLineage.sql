-- A dataset named by a lineage event. Kind and commercial flag change only when the event classifies the
-- dataset; otherwise what an import said stands. Facets follow the newest event, whatever order events arrive in.
-- Returns the dataset's id.
MERGE dbo.Dataset WITH (HOLDLOCK) AS t
USING (SELECT @Namespace AS Namespace, @Name AS Name) AS s
    ON t.Namespace = s.Namespace AND t.Name = s.Name
WHEN MATCHED THEN UPDATE SET
    t.Kind = COALESCE(@Kind, t.Kind),
    t.IsCommercial = COALESCE(@IsCommercial, t.IsCommercial),
    t.FirstSeen = CASE WHEN @SeenAt < t.FirstSeen THEN @SeenAt ELSE t.FirstSeen END,
    t.Facets = CASE WHEN t.FacetsSeenAt IS NULL OR @SeenAt >= t.FacetsSeenAt THEN COALESCE(@Facets, t.Facets) ELSE t.Facets END,
    t.FacetsSeenAt = CASE WHEN t.FacetsSeenAt IS NULL OR @SeenAt >= t.FacetsSeenAt THEN @SeenAt ELSE t.FacetsSeenAt END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (Namespace, Name, Kind, IsCommercial, FirstSeen, Facets, FacetsSeenAt)
    VALUES (@Namespace, @Name, COALESCE(@Kind, 'unknown'), COALESCE(@IsCommercial, 0), @SeenAt, @Facets, @SeenAt)
OUTPUT inserted.DatasetId;
