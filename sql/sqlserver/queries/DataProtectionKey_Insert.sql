-- A new key of the ring; two instances generating one at once each keep their own (names are key ids, unique).
INSERT INTO dbo.DataProtectionKey (FriendlyName, Xml, CreatedAt)
SELECT @FriendlyName, @Xml, @CreatedAt
WHERE NOT EXISTS (SELECT 1 FROM dbo.DataProtectionKey WITH (UPDLOCK, HOLDLOCK) WHERE FriendlyName = @FriendlyName);
