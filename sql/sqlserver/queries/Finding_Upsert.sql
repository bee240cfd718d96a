-- The live finding after the newest scan: identity and liveness only (what the scan saw is in ScanFinding).
-- Status belongs to the compliance officer; a scan changes it only to reopen (FindingStatusService).
MERGE dbo.Finding WITH (HOLDLOCK) AS t
USING (SELECT @FindingKey AS FindingKey) AS s
    ON t.FindingKey = s.FindingKey
WHEN MATCHED THEN UPDATE SET
    t.IsActive = 1,
    t.LastScanId = @ScanId,
    t.ResolvedScanId = NULL
WHEN NOT MATCHED BY TARGET THEN
    INSERT (FindingKey, RuleCode, SubjectKind, SubjectKey, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
    VALUES (@FindingKey, @RuleCode, @SubjectKind, @SubjectKey, 1, @ScanId, @ScanId, NULL, 'open');
