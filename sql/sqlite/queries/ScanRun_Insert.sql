INSERT INTO ScanRun (AsOf, StartedAt, FinishedAt, Status, Summary)
VALUES (@AsOf, @StartedAt, @FinishedAt, @Status, @Summary)
RETURNING ScanId;
