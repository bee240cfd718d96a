-- Keeps every event as received; a replay (same hash) changes nothing and reports 0 rows.
INSERT INTO LineageEvent (EventHash, RunId, EventType, EventTime, JobNamespace, JobName, Producer, Payload, ReceivedAt)
VALUES (@EventHash, @RunId, @EventType, @EventTime, @JobNamespace, @JobName, @Producer, @Payload, @ReceivedAt)
ON CONFLICT (EventHash) DO NOTHING;
