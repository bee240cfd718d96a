-- Server-side sessions: the cookie carries only a random session id (stored here as its SHA-256, so a copy of the
-- table cannot be replayed as cookies). Every request reads its row, so sign-out, a disabled account, a password
-- change or an admin's "end sessions" refuses the very next request. Rows are kept after they end (EndedAt,
-- EndedReason) as evidence of who was signed in when.
CREATE TABLE dbo.UserSession (
    SessionHash        CHAR(64)       NOT NULL CONSTRAINT PK_UserSession PRIMARY KEY,
    UserName           NVARCHAR(200)  NOT NULL,
    Role               VARCHAR(20)    NULL,
    Source             VARCHAR(20)    NOT NULL,
    CreatedAt          DATETIME2(0)   NOT NULL,
    LastSeenAt         DATETIME2(0)   NOT NULL,
    IdleTimeoutSeconds INT            NOT NULL,
    ExpiresAt          DATETIME2(0)   NOT NULL,
    ClientAddress      NVARCHAR(64)   NULL,
    UserAgent          NVARCHAR(400)  NULL,
    EndedAt            DATETIME2(0)   NULL,
    EndedReason        VARCHAR(40)    NULL
);
CREATE INDEX IX_UserSession_UserName ON dbo.UserSession (UserName, EndedAt);

-- When the account last signed in (the users page); a password change is dated so it can be shown and audited.
ALTER TABLE dbo.UserAccount ADD LastSignInAt DATETIME2(0) NULL, PasswordChangedAt DATETIME2(0) NULL;

-- A key's last use (written at most once a minute per key) and an optional expiry after which it is refused.
ALTER TABLE dbo.ApiKey ADD LastUsedAt DATETIME2(0) NULL, ExpiresAt DATETIME2(0) NULL;
GO
