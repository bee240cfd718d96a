-- Workers named by live compensation-gap findings (R7), with their uncompensated hours.
SELECT fw.WorkerId, f.SubjectKind, f.SubjectKey, f.Evidence, fw.Quantity
FROM FindingWorker fw
JOIN Finding f ON f.FindingKey = fw.FindingKey
WHERE f.IsActive = 1 AND f.RuleCode = 'R7'
ORDER BY f.SubjectKey, fw.WorkerId;
