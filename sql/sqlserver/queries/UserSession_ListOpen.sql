-- Sessions not ended nor past their absolute lifetime; the caller drops those idle too long (per-row timeout).
SELECT SessionHash, UserName, CreatedAt, LastSeenAt, IdleTimeoutSeconds, ExpiresAt, ClientAddress, UserAgent
FROM dbo.UserSession
WHERE EndedAt IS NULL AND ExpiresAt > @Now;
