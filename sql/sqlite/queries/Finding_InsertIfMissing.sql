-- A finding first met in a scan of the past, while newer scans exist: recorded so the history can refer to it,
-- but not live, because the newest scan did not see it.
INSERT INTO Finding (FindingKey, RuleCode, SubjectKind, SubjectKey, Severity, Title, AffectedWorkerCount, Evidence, FirstSeen, LastSeen,
                     ExposureLow, ExposureHigh, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
VALUES (@FindingKey, @RuleCode, @SubjectKind, @SubjectKey, @Severity, @Title, @AffectedWorkerCount, @Evidence, @FirstSeen, @LastSeen,
        @ExposureLow, @ExposureHigh, 0, @ScanId, @ScanId, NULL, 'open')
ON CONFLICT (FindingKey) DO NOTHING;
