-- The scan deleted the affected workers of the findings it saw (FindingWorker_DeleteByScan), so this only inserts.
INSERT INTO FindingWorker (FindingKey, WorkerId, Location, Quantity)
SELECT FindingKey, WorkerId, Location, Quantity
FROM Stage_FindingWorker;

DROP TABLE temp.Stage_FindingWorker;
