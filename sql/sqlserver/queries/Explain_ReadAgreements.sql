-- A worker's compensation agreements whose period had begun by the as-of date.
SELECT AgreementId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo
FROM CompensationAgreement
WHERE WorkerId = @WorkerId AND PeriodFrom <= @AsOf
ORDER BY PeriodFrom, AgreementId;
