-- A scan reads all its input in one snapshot transaction, so an import committing midway cannot hand it half of
-- the new data. SQL Server refuses ALTER DATABASE inside a transaction: the migrator runs this one script without
-- one (Migrator.OutsideTransaction), and the setting is idempotent.
ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
