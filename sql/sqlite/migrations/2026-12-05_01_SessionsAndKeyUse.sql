-- Server-side sessions: the cookie carries only a random session id (stored here as its SHA-256, so a copy of the
-- table cannot be replayed as cookies). Every request reads its row, so sign-out, a disabled account, a password
-- change or an admin's "end sessions" refuses the very next request. Rows are kept after they end (EndedAt,
-- EndedReason) as evidence of who was signed in when.
CREATE TABLE UserSession (
    SessionHash        TEXT    NOT NULL CONSTRAINT PK_UserSession PRIMARY KEY,
    UserName           TEXT    NOT NULL,
    Role               TEXT    NULL,
    Source             TEXT    NOT NULL,
    CreatedAt          TEXT    NOT NULL,
    LastSeenAt         TEXT    NOT NULL,
    IdleTimeoutSeconds INTEGER NOT NULL,
    ExpiresAt          TEXT    NOT NULL,
    ClientAddress      TEXT    NULL,
    UserAgent          TEXT    NULL,
    EndedAt            TEXT    NULL,
    EndedReason        TEXT    NULL
);
CREATE INDEX IX_UserSession_UserName ON UserSession (UserName, EndedAt);

-- When the account last signed in (the users page); a password change is dated so it can be shown and audited.
ALTER TABLE UserAccount ADD COLUMN LastSignInAt TEXT NULL;
ALTER TABLE UserAccount ADD COLUMN PasswordChangedAt TEXT NULL;

-- A key's last use (written at most once a minute per key) and an optional expiry after which it is refused.
ALTER TABLE ApiKey ADD COLUMN LastUsedAt TEXT NULL;
ALTER TABLE ApiKey ADD COLUMN ExpiresAt TEXT NULL;
