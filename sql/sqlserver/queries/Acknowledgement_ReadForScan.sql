-- Acknowledgements made before the end of the as-of day.
SELECT WorkerId, NoticeId, AcknowledgedAt, ConsentPurposes
FROM Acknowledgement
WHERE AcknowledgedAt < @Cutoff
ORDER BY WorkerId, AcknowledgedAt;
