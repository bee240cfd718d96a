-- Marks the session as seen now (the idle clock restarts); written at most once a minute per session.
UPDATE UserSession SET LastSeenAt = @Now WHERE SessionHash = @SessionHash AND EndedAt IS NULL;
