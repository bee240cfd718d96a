-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO CaptureTool (ToolId, Name, Vendor)
SELECT ToolId, Name, Vendor
FROM Stage_CaptureTool
WHERE true
ON CONFLICT (ToolId) DO UPDATE SET
    Name = excluded.Name,
    Vendor = excluded.Vendor;

DROP TABLE temp.Stage_CaptureTool;
