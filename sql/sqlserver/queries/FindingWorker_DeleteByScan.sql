-- Affected workers are replaced for every finding the newest scan saw.
DELETE FROM FindingWorker
WHERE FindingKey IN (SELECT FindingKey FROM ScanFinding WHERE ScanId = @ScanId AND Change <> 'resolved');
