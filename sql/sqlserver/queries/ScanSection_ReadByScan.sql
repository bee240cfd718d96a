-- The report sections one scan stored.
SELECT Name, Content
FROM ScanSection
WHERE ScanId = @ScanId;
