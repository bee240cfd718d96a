-- Findings a scan recorded as resolved (seen by the scan before it, not by this one), with that scan and its as-of
-- day: for one finding (or every finding when @FindingKey is NULL), for scans as of @From to @Until.
SELECT sf.FindingKey, sf.ScanId, r.AsOf
FROM ScanFinding sf
JOIN ScanRun r ON r.ScanId = sf.ScanId
WHERE sf.Change = 'resolved' AND r.Status = 'succeeded'
  AND (@FindingKey IS NULL OR sf.FindingKey = @FindingKey)
  AND r.AsOf >= @From AND r.AsOf <= @Until
ORDER BY r.AsOf, sf.ScanId, sf.FindingKey;
