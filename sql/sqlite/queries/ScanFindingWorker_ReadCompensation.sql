-- Workers of one scan's compensation-gap findings (R7), with their uncompensated hours, for the workbook.
SELECT w.WorkerId, f.SubjectKind, f.SubjectName, f.CommercialModels, f.BenchmarkRate, w.Quantity
FROM ScanFindingWorker w
JOIN ScanFinding f ON f.ScanId = w.ScanId AND f.FindingKey = w.FindingKey
WHERE w.ScanId = @ScanId AND f.RuleCode = 'R7' AND f.Change <> 'resolved'
ORDER BY f.SubjectKey, w.WorkerId;
