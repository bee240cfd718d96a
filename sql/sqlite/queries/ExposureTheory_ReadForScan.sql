-- The exposure table counsel edits; rows take effect from their effective date.
SELECT TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note
FROM ExposureTheory
WHERE EffectiveFrom <= @AsOf;
