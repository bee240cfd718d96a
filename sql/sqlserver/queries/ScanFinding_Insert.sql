INSERT INTO ScanFinding (ScanId, FindingKey, RuleCode, Severity, Change, AffectedWorkerCount, ExposureLow, ExposureHigh)
VALUES (@ScanId, @FindingKey, @RuleCode, @Severity, @Change, @AffectedWorkerCount, @ExposureLow, @ExposureHigh);
