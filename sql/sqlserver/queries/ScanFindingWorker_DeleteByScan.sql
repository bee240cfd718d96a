-- Retention: a pruned scan keeps its findings, figures and sections, not its per-worker rows.
DELETE FROM ScanFindingWorker
WHERE ScanId = @ScanId;
