-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.Worker WITH (HOLDLOCK) AS t
USING #Stage_Worker AS s
    ON t.WorkerId = s.WorkerId
WHEN MATCHED THEN UPDATE SET
    t.DisplayName = s.DisplayName,
    t.EmploymentType = s.EmploymentType,
    t.HireDate = s.HireDate,
    t.TerminationDate = s.TerminationDate,
    t.TerminationReason = s.TerminationReason
WHEN NOT MATCHED BY TARGET THEN
    INSERT (WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason)
    VALUES (s.WorkerId, s.DisplayName, s.EmploymentType, s.HireDate, s.TerminationDate, s.TerminationReason);

DROP TABLE #Stage_Worker;
