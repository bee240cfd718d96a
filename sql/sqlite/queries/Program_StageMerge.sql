-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO Program (ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy)
SELECT ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy
FROM Stage_Program
WHERE true
ON CONFLICT (ProgramId) DO UPDATE SET
    Name = excluded.Name,
    Purpose = excluded.Purpose,
    EuExempt = excluded.EuExempt,
    EuExemptionRationale = excluded.EuExemptionRationale,
    OptOut = excluded.OptOut,
    OptOutDescription = excluded.OptOutDescription,
    CompensationPolicy = excluded.CompensationPolicy;

DROP TABLE temp.Stage_Program;
