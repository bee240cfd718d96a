-- Revokes a key named by id or name; a key is never deleted, so the audit log's references stay readable.
UPDATE ApiKey SET RevokedAt = @RevokedAt, RevokedBy = @RevokedBy
WHERE (KeyId = @KeyOrName OR Name = @KeyOrName) AND RevokedAt IS NULL;
