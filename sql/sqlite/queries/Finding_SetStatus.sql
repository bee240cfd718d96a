-- The officer's current status (or a scan reopening a resolved finding); FindingStatusChange keeps the history.
UPDATE Finding
SET Status = @Status
WHERE FindingKey = @FindingKey;
