INSERT INTO ReportRun (Kind, Period, RequestedAt, FinishedAt, Status, OutputPath, Error)
VALUES (@Kind, @Period, @RequestedAt, @FinishedAt, @Status, @OutputPath, @Error);
