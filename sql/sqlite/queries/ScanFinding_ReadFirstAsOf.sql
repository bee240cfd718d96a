-- The earliest day a scan up to @AsOf saw each finding: the first-seen date of findings about a setting, not data.
SELECT sf.FindingKey, MIN(r.AsOf) AS FirstAsOf
FROM ScanFinding sf
JOIN ScanRun r ON r.ScanId = sf.ScanId
WHERE r.Status = 'succeeded' AND r.AsOf <= @AsOf AND sf.Change <> 'resolved'
GROUP BY sf.FindingKey;
