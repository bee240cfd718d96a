-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO CompensationAgreement (AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo)
SELECT AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo
FROM Stage_CompensationAgreement
WHERE true
ON CONFLICT (AgreementId) DO UPDATE SET
    WorkerId = excluded.WorkerId,
    ProgramId = excluded.ProgramId,
    Kind = excluded.Kind,
    Amount = excluded.Amount,
    Currency = excluded.Currency,
    PeriodFrom = excluded.PeriodFrom,
    PeriodTo = excluded.PeriodTo;

DROP TABLE temp.Stage_CompensationAgreement;
