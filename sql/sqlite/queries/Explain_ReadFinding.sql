-- A finding as one scan recorded it (the newest scan that recorded it when @ScanId is NULL), with that scan's as-of date.
SELECT sf.ScanId, r.AsOf, sf.FindingKey, sf.RuleCode, sf.SubjectKind, sf.SubjectKey, sf.SubjectName, sf.Severity, sf.Title, sf.Change,
       sf.FirstSeen, sf.LastSeen, sf.AffectedWorkerCount, sf.Batches, sf.ActiveMinutes, sf.ExposureLow, sf.ExposureHigh, sf.Evidence
FROM ScanFinding sf
JOIN ScanRun r ON r.ScanId = sf.ScanId
WHERE sf.FindingKey = @FindingKey AND (@ScanId IS NULL OR sf.ScanId = @ScanId) AND r.Status = 'succeeded'
ORDER BY sf.ScanId DESC
LIMIT 1;
