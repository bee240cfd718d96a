-- A small report section (JSON) as the scan saw it.
INSERT INTO ScanSection (ScanId, Name, Content)
VALUES (@ScanId, @Name, @Content);
