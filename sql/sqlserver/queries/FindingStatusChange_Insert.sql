INSERT INTO FindingStatusChange (FindingKey, Status, ChangedBy, ChangedAt, Note)
VALUES (@FindingKey, @Status, @ChangedBy, @ChangedAt, @Note);
