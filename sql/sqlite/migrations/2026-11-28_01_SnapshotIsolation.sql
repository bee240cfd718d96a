-- SQL Server needs snapshot isolation switched on for a scan's one consistent read (see the SQL Server file).
-- SQLite needs nothing: a deferred read transaction in WAL mode already reads one snapshot. Kept so both dialects
-- hold the same migration names.
SELECT 1;
