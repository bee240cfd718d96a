INSERT INTO ExportRequest (MatterId, Scope, RequestedBy, RequestedAt, FinishedAt, Status, OutputPath, Error)
VALUES (@MatterId, @Scope, @RequestedBy, @RequestedAt, @FinishedAt, @Status, @OutputPath, @Error);
