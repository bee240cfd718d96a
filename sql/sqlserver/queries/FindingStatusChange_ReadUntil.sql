-- Status history up to an instant, oldest first: a report shows status and note as they stood on its date.
SELECT FindingKey, Status, ChangedBy, ChangedAt, Note, ScanId
FROM FindingStatusChange
WHERE ChangedAt < @Until
ORDER BY FindingKey, ChangedAt, ChangeId;
