INSERT INTO dbo.ScanRun (AsOf, StartedAt, FinishedAt, Status, Summary)
OUTPUT inserted.ScanId
VALUES (@AsOf, @StartedAt, @FinishedAt, @Status, @Summary);
