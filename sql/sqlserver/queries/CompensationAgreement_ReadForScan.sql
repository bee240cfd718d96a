-- Agreements whose period has begun by the as-of date.
SELECT AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo
FROM CompensationAgreement
WHERE PeriodFrom <= @AsOf;
