-- Status history up to an instant, oldest first: a report shows status and note as they stood on its date.
SELECT FindingKey, Status, ChangedBy, ChangedAt, Note, ScanId, Owner, DueOn, Approver, ExpiresOn
FROM FindingStatusChange
WHERE ChangedAt < @Until
ORDER BY FindingKey, ChangedAt, ChangeId;
