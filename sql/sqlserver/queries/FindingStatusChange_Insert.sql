-- Every status change is kept: who, when, the note, and the scan when a scan made it.
INSERT INTO FindingStatusChange (FindingKey, Status, ChangedBy, ChangedAt, Note, ScanId)
VALUES (@FindingKey, @Status, @ChangedBy, @ChangedAt, @Note, @ScanId);
