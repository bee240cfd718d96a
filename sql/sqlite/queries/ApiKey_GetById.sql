-- The key a bearer token names by its public id; the caller compares the secret's hash in constant time.
SELECT KeyId, Name, Role, SecretHash, RevokedAt, ExpiresAt, LastUsedAt FROM ApiKey WHERE KeyId = @KeyId;
