-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO Worker (WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason)
SELECT WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason
FROM Stage_Worker
WHERE true
ON CONFLICT (WorkerId) DO UPDATE SET
    DisplayName = excluded.DisplayName,
    EmploymentType = excluded.EmploymentType,
    HireDate = excluded.HireDate,
    TerminationDate = excluded.TerminationDate,
    TerminationReason = excluded.TerminationReason;

DROP TABLE temp.Stage_Worker;
