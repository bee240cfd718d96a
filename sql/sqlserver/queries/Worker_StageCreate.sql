-- Staging table for an import of Worker: SqlBulkCopy fills it, then Worker_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_Worker;
SELECT TOP (0) WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason INTO #Stage_Worker FROM dbo.Worker;
