-- Ends one session (sign-out, idle, expired); the row stays as the record of it.
UPDATE dbo.UserSession SET EndedAt = @Now, EndedReason = @Reason WHERE SessionHash = @SessionHash AND EndedAt IS NULL;
