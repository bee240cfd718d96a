-- One worker's capture, as it stood at the end of the as-of day, per config version and landing dataset, with the config's dates.
SELECT b.ToolId, b.ConfigVersion, c.ProgramId, c.EffectiveFrom, c.EffectiveTo, c.Purposes, c.Capabilities,
       d.DatasetId, d.Namespace, d.Name, d.Kind,
       COUNT(*) AS Batches, MIN(b.CapturedFrom) AS FirstCapture, MAX(b.CapturedTo) AS LastCapture, SUM(b.ActiveMinutes) AS ActiveMinutes
FROM CaptureBatch b
JOIN CaptureConfig c ON c.ToolId = b.ToolId AND c.Version = b.ConfigVersion
JOIN Dataset d ON d.DatasetId = b.DatasetId
WHERE b.WorkerId = @WorkerId AND b.CapturedTo < @Cutoff
GROUP BY b.ToolId, b.ConfigVersion, c.ProgramId, c.EffectiveFrom, c.EffectiveTo, c.Purposes, c.Capabilities, d.DatasetId, d.Namespace, d.Name, d.Kind
ORDER BY MIN(b.CapturedFrom), b.ToolId, b.ConfigVersion;
