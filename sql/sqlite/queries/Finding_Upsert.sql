-- The live finding after the newest scan: identity and liveness only (what the scan saw is in ScanFinding).
-- Status belongs to the compliance officer; a scan changes it only to reopen (FindingStatusService).
INSERT INTO Finding (FindingKey, RuleCode, SubjectKind, SubjectKey, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
VALUES (@FindingKey, @RuleCode, @SubjectKind, @SubjectKey, 1, @ScanId, @ScanId, NULL, 'open')
ON CONFLICT (FindingKey) DO UPDATE SET
    IsActive = 1,
    LastScanId = excluded.LastScanId,
    ResolvedScanId = NULL;
