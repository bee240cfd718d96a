-- One report run, for serving its files.
SELECT ReportId, Kind, Period, RequestedAt, FinishedAt, Status, OutputPath, Error
FROM dbo.ReportRun
WHERE ReportId = @ReportId;
