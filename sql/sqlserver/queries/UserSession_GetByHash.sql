-- The session a cookie names, with its local account's state (disabled, current role), read on every request.
SELECT s.SessionHash, s.UserName, s.Role, s.Source, s.CreatedAt, s.LastSeenAt, s.IdleTimeoutSeconds, s.ExpiresAt, s.EndedAt,
       COALESCE(s.AuthenticatedAt, s.CreatedAt) AS AuthenticatedAt,
       a.UserName AS AccountName, a.Role AS AccountRole, a.DisabledAt AS AccountDisabledAt
FROM dbo.UserSession s
LEFT JOIN dbo.UserAccount a ON a.UserName = s.UserName
WHERE s.SessionHash = @SessionHash;
