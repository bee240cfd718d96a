-- Config versions in force by the as-of date.
SELECT ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded
FROM CaptureConfig
WHERE EffectiveFrom <= @AsOf
ORDER BY ToolId, EffectiveFrom;
