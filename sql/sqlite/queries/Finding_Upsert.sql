-- The live view of a finding after the newest scan. Status belongs to the compliance officer: a scan never changes it.
INSERT INTO Finding (FindingKey, RuleCode, SubjectKind, SubjectKey, Severity, Title, AffectedWorkerCount, Evidence, FirstSeen, LastSeen,
                     ExposureLow, ExposureHigh, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
VALUES (@FindingKey, @RuleCode, @SubjectKind, @SubjectKey, @Severity, @Title, @AffectedWorkerCount, @Evidence, @FirstSeen, @LastSeen,
        @ExposureLow, @ExposureHigh, 1, @ScanId, @ScanId, NULL, 'open')
ON CONFLICT (FindingKey) DO UPDATE SET
    Severity = excluded.Severity,
    Title = excluded.Title,
    AffectedWorkerCount = excluded.AffectedWorkerCount,
    Evidence = excluded.Evidence,
    FirstSeen = excluded.FirstSeen,
    LastSeen = excluded.LastSeen,
    ExposureLow = excluded.ExposureLow,
    ExposureHigh = excluded.ExposureHigh,
    IsActive = 1,
    LastScanId = excluded.LastScanId,
    ResolvedScanId = NULL;
