-- A new key of the ring; two instances generating one at once each keep their own (names are key ids, unique).
INSERT INTO DataProtectionKey (FriendlyName, Xml, CreatedAt) VALUES (@FriendlyName, @Xml, @CreatedAt)
ON CONFLICT (FriendlyName) DO NOTHING;
