-- Alerts, newest first, each filter ignored when null (GET /api/v1/guard/alerts and the /guard page).
SELECT TOP (@Limit) AlertId, RunKey, RunId, JobNamespace, JobName, RuleCode, Title, Findings, Workers, Batches, Inputs, Outputs, Path, EventTime, RaisedAt,
       (SELECT COUNT(*) FROM dbo.GuardDelivery d WHERE d.AlertId = a.AlertId AND d.Status = 'delivered') AS Delivered,
       (SELECT COUNT(*) FROM dbo.GuardDelivery d WHERE d.AlertId = a.AlertId) AS Deliveries
FROM dbo.GuardAlert a
WHERE (@Rule IS NULL OR RuleCode = @Rule)
  AND (@Job IS NULL OR JobNamespace + N'/' + JobName = @Job)
  AND (@Since IS NULL OR RaisedAt >= @Since)
ORDER BY RaisedAt DESC, AlertId DESC;
