-- The exposure table as the law reads it (issue 8):
--   * money exact: amounts and turnover shares as TEXT holding the decimal's invariant text (SQLite has no decimal
--     type; Microsoft.Data.Sqlite binds decimal as TEXT), where REAL rounded figures counsel typed;
--   * Series: rows of one series supersede each other by EffectiveFrom for conduct on or after it (default: own id);
--   * FirstOffenseAmount/SecondOffenseAmount/LaterOffenseAmount: tier figures of statutes that count offenses (NY, CT);
--   * AppliesWhen: what an act must be for the theory to apply (always, no_monitoring_notice, biometric_capture).
-- SQLite cannot change a column's type, so the table is rebuilt and its rows carried over.
CREATE TABLE ExposureTheory_New (
    TheoryId            TEXT NOT NULL CONSTRAINT PK_ExposureTheory PRIMARY KEY,
    Series              TEXT NOT NULL,
    Regime              TEXT NOT NULL,
    Jurisdiction        TEXT NOT NULL,
    TriggeringRules     TEXT NOT NULL,
    Unit                TEXT NOT NULL,
    LowAmount           TEXT NOT NULL,
    HighAmount          TEXT NOT NULL,
    FirstOffenseAmount  TEXT NULL,
    SecondOffenseAmount TEXT NULL,
    LaterOffenseAmount  TEXT NULL,
    TurnoverShareLow    TEXT NULL,
    TurnoverShareHigh   TEXT NULL,
    Currency            TEXT NOT NULL,
    CapGroup            TEXT NULL,
    AppliesWhen         TEXT NOT NULL,
    EffectiveFrom       TEXT NOT NULL,
    Confidence          TEXT NOT NULL,
    Citation            TEXT NOT NULL,
    Note                TEXT NULL
);

INSERT INTO ExposureTheory_New (TheoryId, Series, Regime, Jurisdiction, TriggeringRules, Unit, LowAmount, HighAmount, TurnoverShareLow, TurnoverShareHigh,
                                Currency, CapGroup, AppliesWhen, EffectiveFrom, Confidence, Citation, Note)
SELECT TheoryId, TheoryId, Regime, Jurisdiction, TriggeringRules, Unit, CAST(LowAmount AS TEXT), CAST(HighAmount AS TEXT),
       CAST(TurnoverShareLow AS TEXT), CAST(TurnoverShareHigh AS TEXT), Currency, CapGroup, 'always', EffectiveFrom, Confidence, Citation, Note
FROM ExposureTheory;

DROP TABLE ExposureTheory;
ALTER TABLE ExposureTheory_New RENAME TO ExposureTheory;
CREATE INDEX IX_ExposureTheory_Series_EffectiveFrom ON ExposureTheory (Series, EffectiveFrom);

-- Rows seeded from the first template, where counsel has not changed them, get what the settled readings say of them.
UPDATE ExposureTheory SET FirstOffenseAmount = '500', SecondOffenseAmount = '1000', LaterOffenseAmount = '3000', AppliesWhen = 'no_monitoring_notice'
WHERE TheoryId IN ('NY-52C', 'CT-31-48D') AND CAST(LowAmount AS REAL) = 500 AND CAST(HighAmount AS REAL) = 3000;
UPDATE ExposureTheory SET AppliesWhen = 'no_monitoring_notice' WHERE TheoryId = 'DE-705';
UPDATE ExposureTheory SET AppliesWhen = 'biometric_capture' WHERE TheoryId = 'BIPA-20';
