-- Report runs of one kind (monthly, board), newest first: what the API lists and serves files from.
SELECT ReportId, Kind, Period, RequestedAt, FinishedAt, Status, OutputPath, Error
FROM ReportRun
WHERE Kind = @Kind
ORDER BY ReportId DESC;
