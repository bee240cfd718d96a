-- Per worker and config version: batches and capture span, for the consent-gap sheet.
SELECT WorkerId, ToolId, ConfigVersion, COUNT(*) AS Batches, MIN(CapturedFrom) AS FirstCapture, MAX(CapturedTo) AS LastCapture
FROM CaptureBatch
WHERE CapturedTo < @Cutoff
GROUP BY WorkerId, ToolId, ConfigVersion;
