-- The oldest events waiting for the guard, with the event's time and body (its job facets may declare a purpose).
SELECT TOP (@Limit) p.EventHash, p.RunKey, e.EventTime, e.Payload
FROM dbo.GuardPending p
JOIN dbo.LineageEvent e ON e.EventHash = p.EventHash
ORDER BY p.QueuedAt, p.EventHash;
