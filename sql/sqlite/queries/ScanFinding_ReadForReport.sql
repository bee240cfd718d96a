-- The findings one scan saw (resolved ones included), with their wording and the officer's status. Findings
-- about a setting rather than data (no capture dates) are dated by the scans that first and last saw them.
SELECT sf.FindingKey, sf.RuleCode, sf.Severity, sf.Change, sf.AffectedWorkerCount, sf.ExposureLow, sf.ExposureHigh,
       f.SubjectKind, f.SubjectKey, f.Title, f.Evidence, f.FirstSeen, f.LastSeen, f.Status,
       firstScan.AsOf AS FirstScanAsOf, scan.AsOf AS ScanAsOf
FROM ScanFinding sf
JOIN Finding f ON f.FindingKey = sf.FindingKey
JOIN ScanRun scan ON scan.ScanId = sf.ScanId
LEFT JOIN ScanRun firstScan ON firstScan.ScanId = f.FirstScanId
WHERE sf.ScanId = @ScanId
ORDER BY sf.RuleCode, sf.FindingKey;
