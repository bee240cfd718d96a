-- Staging table for an import of CaptureTool: rows land here first, then CaptureTool_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_CaptureTool;
CREATE TEMP TABLE Stage_CaptureTool AS SELECT ToolId, Name, Vendor FROM CaptureTool WHERE 0;
