-- A finding first met in a scan of the past, while newer scans exist: recorded so its history can refer to it,
-- but not live, because the newest scan did not see it. A scan of the past never becomes "latest".
INSERT INTO dbo.Finding (FindingKey, RuleCode, SubjectKind, SubjectKey, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
SELECT @FindingKey, @RuleCode, @SubjectKind, @SubjectKey, 0, @ScanId, @ScanId, NULL, 'open'
WHERE NOT EXISTS (SELECT 1 FROM dbo.Finding WITH (UPDLOCK, HOLDLOCK) WHERE FindingKey = @FindingKey);
