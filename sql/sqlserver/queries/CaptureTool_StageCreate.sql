-- Staging table for an import of CaptureTool: SqlBulkCopy fills it, then CaptureTool_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_CaptureTool;
SELECT TOP (0) ToolId, Name, Vendor INTO #Stage_CaptureTool FROM dbo.CaptureTool;
