-- A finding's exposure lines in one scan with the theory row each one priced (regime, citation, effective from, primary source).
SELECT l.Position, l.TheoryId, l.Jurisdiction, l.Unit, l.Units, l.Low, l.High, l.Citation, l.Capped, l.ConductFrom, l.ConductTo,
       t.Regime, t.Series, t.EffectiveFrom, t.Currency, t.Citation AS TheoryCitation,
       t.PrimarySource, t.Pinpoint, t.VerifiedOn, t.VerifiedBy
FROM ScanExposureLine l
LEFT JOIN ExposureTheory t ON t.TheoryId = l.TheoryId
WHERE l.ScanId = @ScanId AND l.FindingKey = @FindingKey
ORDER BY l.Position;
