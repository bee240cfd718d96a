SELECT ToolId, Name, Vendor
FROM CaptureTool;
