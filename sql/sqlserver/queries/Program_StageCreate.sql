-- Staging table for an import of Program: SqlBulkCopy fills it, then Program_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_Program;
SELECT TOP (0) ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy INTO #Stage_Program FROM dbo.Program;
