-- Every key without its secret hash, oldest first, for 'keys list'.
SELECT KeyId, Name, Role, CreatedAt, CreatedBy, RevokedAt, RevokedBy, LastUsedAt, ExpiresAt FROM ApiKey ORDER BY CreatedAt, KeyId;
