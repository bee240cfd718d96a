-- The newest scan no longer sees it. The officer's status stays as recorded.
UPDATE Finding
SET IsActive = 0, ResolvedScanId = @ScanId
WHERE FindingKey = @FindingKey AND IsActive = 1;
