-- The transform a run's events give for (source, target): the newest event's, by order key.
MERGE dbo.LineageRunTransform WITH (HOLDLOCK) AS t
USING (SELECT @RunKey AS RunKey, @TargetDatasetId AS TargetDatasetId, @SourceKey AS SourceKey) AS s
    ON t.RunKey = s.RunKey AND t.TargetDatasetId = s.TargetDatasetId AND t.SourceKey = s.SourceKey
WHEN MATCHED AND @TransformKey > t.TransformKey THEN UPDATE SET
    t.Transform = @Transform,
    t.TransformKey = @TransformKey
WHEN NOT MATCHED BY TARGET THEN
    INSERT (RunKey, TargetDatasetId, SourceKey, SourceNamespace, SourceName, Transform, TransformKey)
    VALUES (@RunKey, @TargetDatasetId, @SourceKey, @SourceNamespace, @SourceName, @Transform, @TransformKey);
