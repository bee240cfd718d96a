-- Every status change is kept: who, when, the note, the scan when a scan made it, and the owner, due day, approver and
-- expiry as they stand after it.
INSERT INTO FindingStatusChange (FindingKey, Status, ChangedBy, ChangedAt, Note, ScanId, Owner, DueOn, Approver, ExpiresOn)
VALUES (@FindingKey, @Status, @ChangedBy, @ChangedAt, @Note, @ScanId, @Owner, @DueOn, @Approver, @ExpiresOn);
