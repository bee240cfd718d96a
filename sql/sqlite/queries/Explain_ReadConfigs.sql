-- Config versions a finding is about: one version (@ToolId, @Version) or every version of a program, as known by the as-of date.
SELECT ToolId, Version, ProgramId, EffectiveFrom, EffectiveTo, Purposes, Capabilities
FROM CaptureConfig
WHERE EffectiveFrom <= @AsOf AND ((ToolId = @ToolId AND Version = @Version) OR (@ProgramId IS NOT NULL AND ProgramId = @ProgramId))
ORDER BY ToolId, EffectiveFrom, Version;
