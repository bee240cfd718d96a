-- Every key of the Data Protection key ring, as the key manager wrote it (it decides which are current).
SELECT Xml FROM DataProtectionKey ORDER BY CreatedAt, FriendlyName;
