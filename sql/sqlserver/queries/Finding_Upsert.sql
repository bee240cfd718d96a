-- The live view of a finding after the newest scan. Status belongs to the compliance officer: a scan never changes it.
MERGE dbo.Finding WITH (HOLDLOCK) AS t
USING (SELECT @FindingKey AS FindingKey) AS s
    ON t.FindingKey = s.FindingKey
WHEN MATCHED THEN UPDATE SET
    t.Severity = @Severity,
    t.Title = @Title,
    t.AffectedWorkerCount = @AffectedWorkerCount,
    t.Evidence = @Evidence,
    t.FirstSeen = @FirstSeen,
    t.LastSeen = @LastSeen,
    t.ExposureLow = @ExposureLow,
    t.ExposureHigh = @ExposureHigh,
    t.IsActive = 1,
    t.LastScanId = @ScanId,
    t.ResolvedScanId = NULL
WHEN NOT MATCHED BY TARGET THEN
    INSERT (FindingKey, RuleCode, SubjectKind, SubjectKey, Severity, Title, AffectedWorkerCount, Evidence, FirstSeen, LastSeen,
            ExposureLow, ExposureHigh, IsActive, FirstScanId, LastScanId, ResolvedScanId, Status)
    VALUES (@FindingKey, @RuleCode, @SubjectKind, @SubjectKey, @Severity, @Title, @AffectedWorkerCount, @Evidence, @FirstSeen, @LastSeen,
            @ExposureLow, @ExposureHigh, 1, @ScanId, @ScanId, NULL, 'open');
