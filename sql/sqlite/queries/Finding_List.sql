-- Live and past findings with what their latest scan saw, for `findings list` and the API.
SELECT f.FindingKey, f.RuleCode, sf.Severity, sf.Title, f.SubjectKind, f.SubjectKey, f.IsActive, f.Status,
       sf.AffectedWorkerCount, sf.ExposureLow, sf.ExposureHigh, r.AsOf AS LastScanAsOf
FROM Finding f
JOIN ScanFinding sf ON sf.ScanId = f.LastScanId AND sf.FindingKey = f.FindingKey
JOIN ScanRun r ON r.ScanId = f.LastScanId
ORDER BY f.RuleCode, f.FindingKey;
