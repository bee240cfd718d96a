-- An edge seen in a lineage event. Events arrive out of order and repeated: the seen-window only widens, and the
-- run id, transform and facets follow the newest event (a known transform is never replaced by 'unknown').
MERGE dbo.LineageEdge WITH (HOLDLOCK) AS t
USING (SELECT @SourceDatasetId AS SourceDatasetId, @TargetDatasetId AS TargetDatasetId, @JobNamespace AS JobNamespace, @JobName AS JobName) AS s
    ON t.SourceDatasetId = s.SourceDatasetId AND t.TargetDatasetId = s.TargetDatasetId
   AND t.JobNamespace = s.JobNamespace AND t.JobName = s.JobName
WHEN MATCHED THEN UPDATE SET
    t.Transform = CASE WHEN @Transform <> 'unknown' AND (@SeenAt >= t.LastSeen OR t.Transform = 'unknown') THEN @Transform ELSE t.Transform END,
    t.LastRunId = CASE WHEN @SeenAt >= t.LastSeen THEN @RunId ELSE t.LastRunId END,
    t.Facets = CASE WHEN @SeenAt >= t.LastSeen THEN COALESCE(@Facets, t.Facets) ELSE t.Facets END,
    t.FirstSeen = CASE WHEN @SeenAt < t.FirstSeen THEN @SeenAt ELSE t.FirstSeen END,
    t.LastSeen = CASE WHEN @SeenAt > t.LastSeen THEN @SeenAt ELSE t.LastSeen END
WHEN NOT MATCHED BY TARGET THEN
    INSERT (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, Transform, FirstSeen, LastSeen, LastRunId, Facets)
    VALUES (@SourceDatasetId, @TargetDatasetId, @JobNamespace, @JobName, @Transform, @SeenAt, @SeenAt, @RunId, @Facets);
