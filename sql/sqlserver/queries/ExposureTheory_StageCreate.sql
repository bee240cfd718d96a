-- Staging table for an import of ExposureTheory: SqlBulkCopy fills it, then ExposureTheory_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_ExposureTheory;
SELECT TOP (0) TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh, Currency, CapGroup, EffectiveFrom, Confidence, Citation, Note, Series, FirstOffenseAmount, SecondOffenseAmount, LaterOffenseAmount, AppliesWhen, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy INTO #Stage_ExposureTheory FROM dbo.ExposureTheory;
