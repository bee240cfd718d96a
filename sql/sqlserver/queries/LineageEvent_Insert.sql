-- Keeps every event as received; a replay (same hash) changes nothing and reports 0 rows.
INSERT INTO dbo.LineageEvent (EventHash, RunId, EventType, EventTime, JobNamespace, JobName, Producer, Payload, ReceivedAt)
SELECT @EventHash, @RunId, @EventType, @EventTime, @JobNamespace, @JobName, @Producer, @Payload, @ReceivedAt
WHERE NOT EXISTS (SELECT 1 FROM dbo.LineageEvent WITH (UPDLOCK, HOLDLOCK) WHERE EventHash = @EventHash);
