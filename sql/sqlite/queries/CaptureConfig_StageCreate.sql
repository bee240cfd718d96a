-- Staging table for an import of CaptureConfig: rows land here first, then CaptureConfig_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_CaptureConfig;
CREATE TEMP TABLE Stage_CaptureConfig AS SELECT ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded FROM CaptureConfig WHERE 0;
