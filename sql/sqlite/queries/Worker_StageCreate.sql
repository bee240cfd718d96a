-- Staging table for an import of Worker: rows land here first, then Worker_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_Worker;
CREATE TEMP TABLE Stage_Worker AS SELECT WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason FROM Worker WHERE 0;
