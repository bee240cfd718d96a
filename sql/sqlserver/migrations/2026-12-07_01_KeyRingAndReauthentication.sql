-- The ASP.NET Core Data Protection key ring (what encrypts the session cookie and the anti-forgery tokens), kept in
-- the database every instance shares: a restart signs nobody out, and a cookie issued by one `serve` is read by the
-- next. One row per key, as the XML element the key manager writes (encrypted when a certificate is configured).
CREATE TABLE dbo.DataProtectionKey (
    FriendlyName NVARCHAR(200) NOT NULL CONSTRAINT PK_DataProtectionKey PRIMARY KEY,
    Xml          NVARCHAR(MAX) NOT NULL,
    CreatedAt    DATETIME2(0)  NOT NULL
);

-- When the person behind a session last proved it is them (the sign-in; a fresh sign-in in the same browser moves
-- it). Changes to accounts and keys need a recent one (OWASP ASVS 3.7.1). NULL for sessions from before: their CreatedAt.
ALTER TABLE dbo.UserSession ADD AuthenticatedAt DATETIME2(0) NULL;

-- What happened to one account (its page, the notice at the next sign-in) is read by subject ("user NAME").
CREATE INDEX IX_AuditLog_Subject ON dbo.AuditLog (Subject, AuditId);
GO
