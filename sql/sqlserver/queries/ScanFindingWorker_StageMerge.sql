-- A scan's workers are new rows of a new scan: this only inserts.
INSERT INTO dbo.ScanFindingWorker (ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState)
SELECT ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState
FROM #Stage_ScanFindingWorker;

DROP TABLE #Stage_ScanFindingWorker;
