-- Staging table for an import of ExposureTheory: rows land here first, then ExposureTheory_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_ExposureTheory;
CREATE TEMP TABLE Stage_ExposureTheory AS SELECT TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note, Series, FirstOffenseAmount, SecondOffenseAmount, LaterOffenseAmount, AppliesWhen, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy FROM ExposureTheory WHERE 0;
