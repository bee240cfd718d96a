-- Records that retention removed this scan's per-worker rows, so its reports can say so.
UPDATE ScanRun
SET WorkersPrunedAt = @PrunedAt
WHERE ScanId = @ScanId;
