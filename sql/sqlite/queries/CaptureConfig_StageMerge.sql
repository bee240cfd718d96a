-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO CaptureConfig (ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded)
SELECT ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded
FROM Stage_CaptureConfig
WHERE true
ON CONFLICT (ToolId, Version) DO UPDATE SET
    ProgramId = excluded.ProgramId,
    EffectiveFrom = excluded.EffectiveFrom,
    EffectiveTo = excluded.EffectiveTo,
    Capabilities = excluded.Capabilities,
    ScreenshotIntervalSeconds = excluded.ScreenshotIntervalSeconds,
    Purposes = excluded.Purposes,
    CountriesIncluded = excluded.CountriesIncluded,
    CountriesExcluded = excluded.CountriesExcluded;

DROP TABLE temp.Stage_CaptureConfig;
