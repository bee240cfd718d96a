-- The findings one scan saw (resolved ones included), with their wording and the officer's status.
SELECT sf.FindingKey, sf.RuleCode, sf.Severity, sf.Change, sf.AffectedWorkerCount, sf.ExposureLow, sf.ExposureHigh,
       f.SubjectKind, f.SubjectKey, f.Title, f.Evidence, f.FirstSeen, f.LastSeen, f.Status
FROM ScanFinding sf
JOIN Finding f ON f.FindingKey = sf.FindingKey
WHERE sf.ScanId = @ScanId
ORDER BY sf.RuleCode, sf.FindingKey;
