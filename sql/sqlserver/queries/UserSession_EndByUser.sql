-- Ends every open session of an account (disabled, password changed, an admin's "end sessions").
UPDATE dbo.UserSession SET EndedAt = @Now, EndedReason = @Reason WHERE UserName = @UserName AND EndedAt IS NULL;
