-- A delivery with the alert it carries (the webhook body is built from the alert, the same on every attempt).
SELECT dl.DeliveryId, dl.Url, dl.Status, dl.Attempts, a.AlertId, a.RunKey, a.RunId, a.JobNamespace, a.JobName, a.RuleCode, a.Title, a.Findings,
       a.Workers, a.Batches, a.Inputs, a.Outputs, a.Path, a.EventTime, a.RaisedAt
FROM dbo.GuardDelivery dl
JOIN dbo.GuardAlert a ON a.AlertId = dl.AlertId
WHERE dl.DeliveryId = @DeliveryId;
