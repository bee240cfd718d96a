-- Marks the session as seen now (the idle clock restarts); written at most once a minute per session.
UPDATE dbo.UserSession SET LastSeenAt = @Now WHERE SessionHash = @SessionHash AND EndedAt IS NULL;
