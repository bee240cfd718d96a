-- A finding first met in a scan of the past, while newer scans exist: recorded so the history can refer to it,
-- but not live, because the newest scan did not see it.
INSERT INTO dbo.Finding (FindingKey, RuleCode, SubjectKind, SubjectKey, Severity, Title, AffectedWorkerCount, Evidence, FirstSeen, LastSeen,
                         ExposureLow, ExposureHigh, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
SELECT @FindingKey, @RuleCode, @SubjectKind, @SubjectKey, @Severity, @Title, @AffectedWorkerCount, @Evidence, @FirstSeen, @LastSeen,
       @ExposureLow, @ExposureHigh, 0, @ScanId, @ScanId, NULL, 'open'
WHERE NOT EXISTS (SELECT 1 FROM dbo.Finding WITH (UPDLOCK, HOLDLOCK) WHERE FindingKey = @FindingKey);
