-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.CaptureConfig WITH (HOLDLOCK) AS t
USING #Stage_CaptureConfig AS s
    ON t.ToolId = s.ToolId AND t.Version = s.Version
WHEN MATCHED THEN UPDATE SET
    t.ProgramId = s.ProgramId,
    t.EffectiveFrom = s.EffectiveFrom,
    t.EffectiveTo = s.EffectiveTo,
    t.Capabilities = s.Capabilities,
    t.ScreenshotIntervalSeconds = s.ScreenshotIntervalSeconds,
    t.Purposes = s.Purposes,
    t.CountriesIncluded = s.CountriesIncluded,
    t.CountriesExcluded = s.CountriesExcluded
WHEN NOT MATCHED BY TARGET THEN
    INSERT (ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded)
    VALUES (s.ToolId, s.Version, s.ProgramId, s.EffectiveFrom, s.EffectiveTo, s.Capabilities, s.ScreenshotIntervalSeconds, s.Purposes, s.CountriesIncluded, s.CountriesExcluded);

DROP TABLE #Stage_CaptureConfig;
