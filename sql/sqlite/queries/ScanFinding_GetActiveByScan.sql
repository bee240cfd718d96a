SELECT FindingKey, RuleCode, Severity, AffectedWorkerCount, ExposureLow, ExposureHigh
FROM ScanFinding
WHERE ScanId = @ScanId AND Change <> 'resolved';
