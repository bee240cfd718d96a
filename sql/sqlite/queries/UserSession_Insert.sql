-- A new sign-in; the cookie holds the session id, this row only its SHA-256.
INSERT INTO UserSession (SessionHash, UserName, Role, Source, CreatedAt, LastSeenAt, IdleTimeoutSeconds, ExpiresAt, ClientAddress, UserAgent, AuthenticatedAt)
VALUES (@SessionHash, @UserName, @Role, @Source, @CreatedAt, @CreatedAt, @IdleTimeoutSeconds, @ExpiresAt, @ClientAddress, @UserAgent, @CreatedAt);
