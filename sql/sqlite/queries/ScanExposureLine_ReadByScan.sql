-- The exposure lines of one scan's findings, in the order the model produced them.
SELECT FindingKey, Position, TheoryId, Jurisdiction, Unit, Units, Low, High, Citation, Capped, ConductFrom, ConductTo
FROM ScanExposureLine
WHERE ScanId = @ScanId
ORDER BY FindingKey, Position;
