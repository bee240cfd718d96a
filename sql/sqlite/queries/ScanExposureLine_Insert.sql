-- A finding's exposure under one theory in one scan.
INSERT INTO ScanExposureLine (ScanId, FindingKey, Position, TheoryId, Jurisdiction, Unit, Units, Low, High, Citation, Capped, ConductFrom, ConductTo)
VALUES (@ScanId, @FindingKey, @Position, @TheoryId, @Jurisdiction, @Unit, @Units, @Low, @High, @Citation, @Capped, @ConductFrom, @ConductTo);
