-- A new API key: only the SHA-256 of its secret is stored; the name is unique so the audit log can name it.
INSERT INTO dbo.ApiKey (KeyId, Name, Role, SecretHash, CreatedAt, CreatedBy, ExpiresAt)
VALUES (@KeyId, @Name, @Role, @SecretHash, @CreatedAt, @CreatedBy, @ExpiresAt);
