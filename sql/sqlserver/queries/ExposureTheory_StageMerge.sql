-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.ExposureTheory WITH (HOLDLOCK) AS t
USING #Stage_ExposureTheory AS s
    ON t.TheoryId = s.TheoryId
WHEN MATCHED THEN UPDATE SET
    t.Regime = s.Regime,
    t.Jurisdiction = s.Jurisdiction,
    t.TriggeringRules = s.TriggeringRules,
    t.Unit = s.Unit,
    t.LowAmount = s.LowAmount,
    t.HighAmount = s.HighAmount,
    t.TurnoverShareLow = s.TurnoverShareLow,
    t.TurnoverShareHigh = s.TurnoverShareHigh,
    t.Currency = s.Currency,
    t.CapGroup = s.CapGroup,
    t.EffectiveFrom = s.EffectiveFrom,
    t.Confidence = s.Confidence,
    t.Citation = s.Citation,
    t.Note = s.Note,
    t.Series = s.Series,
    t.FirstOffenseAmount = s.FirstOffenseAmount,
    t.SecondOffenseAmount = s.SecondOffenseAmount,
    t.LaterOffenseAmount = s.LaterOffenseAmount,
    t.AppliesWhen = s.AppliesWhen,
    t.PrimarySource = s.PrimarySource,
    t.Pinpoint = s.Pinpoint,
    t.VerifiedOn = s.VerifiedOn,
    t.VerifiedBy = s.VerifiedBy
WHEN NOT MATCHED BY TARGET THEN
    INSERT (TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note, Series, FirstOffenseAmount, SecondOffenseAmount, LaterOffenseAmount, AppliesWhen, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy)
    VALUES (s.TheoryId, s.Regime, s.Jurisdiction, s.TriggeringRules, s.Unit, s.LowAmount, s.HighAmount, s.TurnoverShareLow, s.TurnoverShareHigh, s.Currency, s.CapGroup, s.EffectiveFrom, s.Confidence, s.Citation, s.Note, s.Series, s.FirstOffenseAmount, s.SecondOffenseAmount, s.LaterOffenseAmount, s.AppliesWhen, s.PrimarySource, s.Pinpoint, s.VerifiedOn, s.VerifiedBy);

DROP TABLE #Stage_ExposureTheory;
