-- Keeps every event as received; an exact repeat (same hash) changes nothing and reports 0 rows.
INSERT INTO dbo.LineageEvent (EventHash, RunId, EventType, EventTime, JobNamespace, JobName, Producer, Payload, ReceivedAt, EventTimeAssumedUtc)
SELECT @EventHash, @RunId, @EventType, @EventTime, @JobNamespace, @JobName, @Producer, @Payload, @ReceivedAt, @EventTimeAssumedUtc
WHERE NOT EXISTS (SELECT 1 FROM dbo.LineageEvent WITH (UPDLOCK, HOLDLOCK) WHERE EventHash = @EventHash);
