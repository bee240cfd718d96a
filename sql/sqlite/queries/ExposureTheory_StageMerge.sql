-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO ExposureTheory (TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note, Series, FirstOffenseAmount, SecondOffenseAmount, LaterOffenseAmount, AppliesWhen, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy)
SELECT TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note, Series, FirstOffenseAmount, SecondOffenseAmount, LaterOffenseAmount, AppliesWhen, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy
FROM Stage_ExposureTheory
WHERE true
ON CONFLICT (TheoryId) DO UPDATE SET
    Regime = excluded.Regime,
    Jurisdiction = excluded.Jurisdiction,
    TriggeringRules = excluded.TriggeringRules,
    Unit = excluded.Unit,
    LowAmount = excluded.LowAmount,
    HighAmount = excluded.HighAmount,
    TurnoverShareLow = excluded.TurnoverShareLow,
    TurnoverShareHigh = excluded.TurnoverShareHigh,
    Currency = excluded.Currency,
    CapGroup = excluded.CapGroup,
    EffectiveFrom = excluded.EffectiveFrom,
    Confidence = excluded.Confidence,
    Citation = excluded.Citation,
    Note = excluded.Note,
    Series = excluded.Series,
    FirstOffenseAmount = excluded.FirstOffenseAmount,
    SecondOffenseAmount = excluded.SecondOffenseAmount,
    LaterOffenseAmount = excluded.LaterOffenseAmount,
    AppliesWhen = excluded.AppliesWhen,
    PrimarySource = excluded.PrimarySource,
    Pinpoint = excluded.Pinpoint,
    VerifiedOn = excluded.VerifiedOn,
    VerifiedBy = excluded.VerifiedBy;

DROP TABLE temp.Stage_ExposureTheory;
