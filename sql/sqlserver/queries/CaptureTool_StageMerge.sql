-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.CaptureTool WITH (HOLDLOCK) AS t
USING #Stage_CaptureTool AS s
    ON t.ToolId = s.ToolId
WHEN MATCHED THEN UPDATE SET
    t.Name = s.Name,
    t.Vendor = s.Vendor
WHEN NOT MATCHED BY TARGET THEN
    INSERT (ToolId, Name, Vendor)
    VALUES (s.ToolId, s.Name, s.Vendor);

DROP TABLE #Stage_CaptureTool;
