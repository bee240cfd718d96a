-- Staging table for an import of CompensationAgreement: SqlBulkCopy fills it, then CompensationAgreement_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_CompensationAgreement;
SELECT TOP (0) AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo INTO #Stage_CompensationAgreement FROM dbo.CompensationAgreement;
