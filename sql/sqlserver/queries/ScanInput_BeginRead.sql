-- A scan reads all its input in one transaction, so an import committing midway cannot hand it half of the new
-- data. Snapshot isolation (enabled by migration 2026-11-28_01_SnapshotIsolation) reads one version without blocking writers.
SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
BEGIN TRANSACTION;
