-- A finding first met in a scan of the past, while newer scans exist: recorded so its history can refer to it,
-- but not live, because the newest scan did not see it. A scan of the past never becomes "latest".
INSERT INTO Finding (FindingKey, RuleCode, SubjectKind, SubjectKey, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
VALUES (@FindingKey, @RuleCode, @SubjectKind, @SubjectKey, 0, @ScanId, @ScanId, NULL, 'open')
ON CONFLICT (FindingKey) DO NOTHING;
