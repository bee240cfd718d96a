-- Keeps every event as received; an exact repeat (same hash) changes nothing and reports 0 rows.
INSERT INTO LineageEvent (EventHash, RunId, EventType, EventTime, JobNamespace, JobName, Producer, Payload, ReceivedAt, EventTimeAssumedUtc)
VALUES (@EventHash, @RunId, @EventType, @EventTime, @JobNamespace, @JobName, @Producer, @Payload, @ReceivedAt, @EventTimeAssumedUtc)
ON CONFLICT (EventHash) DO NOTHING;
