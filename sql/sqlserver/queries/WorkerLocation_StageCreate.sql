-- Staging table for an import of WorkerLocation: SqlBulkCopy fills it, then WorkerLocation_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_WorkerLocation;
SELECT TOP (0) WorkerId, ValidFrom, ValidTo, CountryCode, SubdivisionCode INTO #Stage_WorkerLocation FROM dbo.WorkerLocation;
