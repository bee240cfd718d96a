-- Workers of one scan's consent findings (R2, R3) per config, with their batches and consent state at capture time.
SELECT w.WorkerId, f.SubjectKey, f.SubjectName, f.RuleCode, w.Batches, w.FirstCapture, w.LastCapture, w.ConsentState
FROM ScanFindingWorker w
JOIN ScanFinding f ON f.ScanId = w.ScanId AND f.FindingKey = w.FindingKey
WHERE w.ScanId = @ScanId AND f.SubjectKind = 'config' AND f.RuleCode IN ('R2', 'R3') AND f.Change <> 'resolved'
ORDER BY w.WorkerId, f.SubjectKey, f.RuleCode;
