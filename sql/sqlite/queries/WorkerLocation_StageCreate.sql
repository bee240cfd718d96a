-- Staging table for an import of WorkerLocation: rows land here first, then WorkerLocation_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_WorkerLocation;
CREATE TEMP TABLE Stage_WorkerLocation AS SELECT WorkerId, ValidFrom, ValidTo, CountryCode, SubdivisionCode FROM WorkerLocation WHERE 0;
