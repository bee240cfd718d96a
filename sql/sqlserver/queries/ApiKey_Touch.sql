-- Records a key's use; only when the last record is older than @Before, so a busy pipeline writes once a minute.
UPDATE dbo.ApiKey SET LastUsedAt = @Now WHERE KeyId = @KeyId AND (LastUsedAt IS NULL OR LastUsedAt < @Before);
