-- A newly stored run event for the guard's alerter to judge (written in the event's own transaction).
INSERT INTO GuardPending (EventHash, RunKey, QueuedAt) VALUES (@EventHash, @RunKey, @QueuedAt);
