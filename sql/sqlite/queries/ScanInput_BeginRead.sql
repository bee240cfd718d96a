-- A scan reads all its input in one transaction, so an import committing midway cannot hand it half of the new
-- data. In WAL mode a deferred transaction reads one snapshot from its first read until it ends.
BEGIN DEFERRED TRANSACTION;
