-- The exposure table counsel edits; a row governs conduct from its effective date until a later row of its series takes over.
SELECT TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note, Series, FirstOffenseAmount, SecondOffenseAmount, LaterOffenseAmount, AppliesWhen, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy
FROM ExposureTheory
WHERE EffectiveFrom <= @AsOf;
