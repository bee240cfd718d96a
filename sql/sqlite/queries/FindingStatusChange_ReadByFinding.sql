-- One finding's whole status history, oldest first.
SELECT FindingKey, Status, ChangedBy, ChangedAt, Note, ScanId
FROM FindingStatusChange
WHERE FindingKey = @FindingKey
ORDER BY ChangedAt, ChangeId;
