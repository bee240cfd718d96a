UPDATE ScanRun
SET Status = 'succeeded', FinishedAt = @FinishedAt, Summary = @Summary
WHERE ScanId = @ScanId;
