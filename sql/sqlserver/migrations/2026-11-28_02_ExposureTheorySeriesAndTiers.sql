-- The exposure table as the law reads it (issue 8); amounts are already DECIMAL(19,4):
--   * Series: rows of one series supersede each other by EffectiveFrom for conduct on or after it (default: own id);
--   * FirstOffenseAmount/SecondOffenseAmount/LaterOffenseAmount: tier figures of statutes that count offenses (NY, CT);
--   * AppliesWhen: what an act must be for the theory to apply (always, no_monitoring_notice, biometric_capture).
-- Added nullable, filled, then made NOT NULL: separate batches, since a batch cannot name a column it adds.
ALTER TABLE dbo.ExposureTheory ADD
    Series              NVARCHAR(64)  NULL,
    FirstOffenseAmount  DECIMAL(19,4) NULL,
    SecondOffenseAmount DECIMAL(19,4) NULL,
    LaterOffenseAmount  DECIMAL(19,4) NULL,
    AppliesWhen         VARCHAR(30)   NULL;
GO

UPDATE dbo.ExposureTheory SET Series = TheoryId, AppliesWhen = 'always';

-- Rows seeded from the first template, where counsel has not changed them, get what the settled readings say of them.
UPDATE dbo.ExposureTheory SET FirstOffenseAmount = 500, SecondOffenseAmount = 1000, LaterOffenseAmount = 3000, AppliesWhen = 'no_monitoring_notice'
WHERE TheoryId IN (N'NY-52C', N'CT-31-48D') AND LowAmount = 500 AND HighAmount = 3000;
UPDATE dbo.ExposureTheory SET AppliesWhen = 'no_monitoring_notice' WHERE TheoryId = N'DE-705';
UPDATE dbo.ExposureTheory SET AppliesWhen = 'biometric_capture' WHERE TheoryId = N'BIPA-20';
GO

ALTER TABLE dbo.ExposureTheory ALTER COLUMN Series NVARCHAR(64) NOT NULL;
ALTER TABLE dbo.ExposureTheory ALTER COLUMN AppliesWhen VARCHAR(30) NOT NULL;
GO

CREATE INDEX IX_ExposureTheory_Series_EffectiveFrom ON dbo.ExposureTheory (Series, EffectiveFrom);
