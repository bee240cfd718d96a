-- Workers captured under each config version by the as-of day: the inventory's head counts.
SELECT ToolId, ConfigVersion, COUNT(DISTINCT WorkerId) AS Workers
FROM CaptureBatch
WHERE CapturedTo < @Cutoff
GROUP BY ToolId, ConfigVersion;
