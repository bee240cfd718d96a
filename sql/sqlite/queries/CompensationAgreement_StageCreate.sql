-- Staging table for an import of CompensationAgreement: rows land here first, then CompensationAgreement_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_CompensationAgreement;
CREATE TEMP TABLE Stage_CompensationAgreement AS SELECT AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo FROM CompensationAgreement WHERE 0;
