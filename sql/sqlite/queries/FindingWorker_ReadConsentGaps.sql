-- Workers named by live consent findings (R2, R3), one row per worker, config and rule.
SELECT fw.WorkerId, f.SubjectKey, f.RuleCode
FROM FindingWorker fw
JOIN Finding f ON f.FindingKey = fw.FindingKey
WHERE f.IsActive = 1 AND f.SubjectKind = 'config' AND f.RuleCode IN ('R2', 'R3')
ORDER BY fw.WorkerId, f.SubjectKey, f.RuleCode;
