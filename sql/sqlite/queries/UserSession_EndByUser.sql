-- Ends every open session of an account (disabled, password changed, an admin's "end sessions"); @KeepHash, when
-- set, is left open (the session that changed its own password).
UPDATE UserSession SET EndedAt = @Now, EndedReason = @Reason WHERE UserName = @UserName AND EndedAt IS NULL
  AND (@KeepHash IS NULL OR SessionHash <> @KeepHash);
