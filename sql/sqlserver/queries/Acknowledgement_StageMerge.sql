-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.Acknowledgement WITH (HOLDLOCK) AS t
USING #Stage_Acknowledgement AS s
    ON t.WorkerId = s.WorkerId AND t.NoticeId = s.NoticeId
WHEN MATCHED THEN UPDATE SET
    t.AcknowledgedAt = s.AcknowledgedAt,
    t.ConsentPurposes = s.ConsentPurposes
WHEN NOT MATCHED BY TARGET THEN
    INSERT (WorkerId, NoticeId, AcknowledgedAt, ConsentPurposes)
    VALUES (s.WorkerId, s.NoticeId, s.AcknowledgedAt, s.ConsentPurposes);

DROP TABLE #Stage_Acknowledgement;
