-- The ASP.NET Core Data Protection key ring (what encrypts the session cookie and the anti-forgery tokens), kept in
-- the database every instance shares: a restart signs nobody out, and a cookie issued by one `serve` is read by the
-- next. One row per key, as the XML element the key manager writes (encrypted when a certificate is configured).
CREATE TABLE DataProtectionKey (
    FriendlyName TEXT NOT NULL CONSTRAINT PK_DataProtectionKey PRIMARY KEY,
    Xml          TEXT NOT NULL,
    CreatedAt    TEXT NOT NULL
);

-- When the person behind a session last proved it is them (the sign-in; a fresh sign-in in the same browser moves
-- it). Changes to accounts and keys need a recent one (OWASP ASVS 3.7.1). NULL for sessions from before: their CreatedAt.
ALTER TABLE UserSession ADD COLUMN AuthenticatedAt TEXT NULL;

-- What happened to one account (its page, the notice at the next sign-in) is read by subject ("user NAME").
CREATE INDEX IX_AuditLog_Subject ON AuditLog (Subject, AuditId);
