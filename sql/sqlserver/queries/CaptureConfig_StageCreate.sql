-- Staging table for an import of CaptureConfig: SqlBulkCopy fills it, then CaptureConfig_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_CaptureConfig;
SELECT TOP (0) ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded INTO #Stage_CaptureConfig FROM dbo.CaptureConfig;
