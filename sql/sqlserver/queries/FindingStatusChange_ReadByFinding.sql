-- One finding's whole status history, oldest first.
SELECT FindingKey, Status, ChangedBy, ChangedAt, Note, ScanId, Owner, DueOn, Approver, ExpiresOn
FROM FindingStatusChange
WHERE FindingKey = @FindingKey
ORDER BY ChangedAt, ChangeId;
