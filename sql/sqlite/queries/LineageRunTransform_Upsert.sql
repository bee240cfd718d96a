-- The transform a run's events give for (source, target): the newest event's, by order key.
INSERT INTO LineageRunTransform (RunKey, TargetDatasetId, SourceKey, SourceNamespace, SourceName, Transform, TransformKey)
VALUES (@RunKey, @TargetDatasetId, @SourceKey, @SourceNamespace, @SourceName, @Transform, @TransformKey)
ON CONFLICT (RunKey, TargetDatasetId, SourceKey) DO UPDATE SET
    Transform = CASE WHEN excluded.TransformKey > LineageRunTransform.TransformKey THEN excluded.Transform ELSE LineageRunTransform.Transform END,
    TransformKey = CASE WHEN excluded.TransformKey > LineageRunTransform.TransformKey THEN excluded.TransformKey ELSE LineageRunTransform.TransformKey END;
