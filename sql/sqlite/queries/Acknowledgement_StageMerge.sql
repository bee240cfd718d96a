-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO Acknowledgement (WorkerId, NoticeId, AcknowledgedAt, ConsentPurposes)
SELECT WorkerId, NoticeId, AcknowledgedAt, ConsentPurposes
FROM Stage_Acknowledgement
WHERE true
ON CONFLICT (WorkerId, NoticeId) DO UPDATE SET
    AcknowledgedAt = excluded.AcknowledgedAt,
    ConsentPurposes = excluded.ConsentPurposes;

DROP TABLE temp.Stage_Acknowledgement;
