-- The purges done by the as-of day; a purge recorded for a later day had not happened yet for this scan.
SELECT DatasetId, PurgedOn, Reference, Note
FROM DatasetPurge
WHERE PurgedOn <= @AsOf
ORDER BY DatasetId, PurgedOn;
