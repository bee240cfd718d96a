-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.Program WITH (HOLDLOCK) AS t
USING #Stage_Program AS s
    ON t.ProgramId = s.ProgramId
WHEN MATCHED THEN UPDATE SET
    t.Name = s.Name,
    t.Purpose = s.Purpose,
    t.EuExempt = s.EuExempt,
    t.EuExemptionRationale = s.EuExemptionRationale,
    t.OptOut = s.OptOut,
    t.OptOutDescription = s.OptOutDescription,
    t.CompensationPolicy = s.CompensationPolicy
WHEN NOT MATCHED BY TARGET THEN
    INSERT (ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy)
    VALUES (s.ProgramId, s.Name, s.Purpose, s.EuExempt, s.EuExemptionRationale, s.OptOut, s.OptOutDescription, s.CompensationPolicy);

DROP TABLE #Stage_Program;
