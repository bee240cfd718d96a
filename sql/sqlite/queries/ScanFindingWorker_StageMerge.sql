-- A scan's workers are new rows of a new scan: this only inserts.
INSERT INTO ScanFindingWorker (ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState)
SELECT ScanId, FindingKey, WorkerId, Locations, Quantity, Batches, FirstCapture, LastCapture, ConsentState
FROM Stage_ScanFindingWorker;

DROP TABLE temp.Stage_ScanFindingWorker;
