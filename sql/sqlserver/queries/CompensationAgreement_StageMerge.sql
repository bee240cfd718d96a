-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.CompensationAgreement WITH (HOLDLOCK) AS t
USING #Stage_CompensationAgreement AS s
    ON t.AgreementId = s.AgreementId
WHEN MATCHED THEN UPDATE SET
    t.WorkerId = s.WorkerId,
    t.ProgramId = s.ProgramId,
    t.Kind = s.Kind,
    t.Amount = s.Amount,
    t.Currency = s.Currency,
    t.PeriodFrom = s.PeriodFrom,
    t.PeriodTo = s.PeriodTo
WHEN NOT MATCHED BY TARGET THEN
    INSERT (AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo)
    VALUES (s.AgreementId, s.WorkerId, s.ProgramId, s.Kind, s.Amount, s.Currency, s.PeriodFrom, s.PeriodTo);

DROP TABLE #Stage_CompensationAgreement;
