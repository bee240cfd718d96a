-- Staging table for an import of Acknowledgement: rows land here first, then Acknowledgement_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_Acknowledgement;
CREATE TEMP TABLE Stage_Acknowledgement AS SELECT WorkerId, NoticeId, AcknowledgedAt, ConsentPurposes FROM Acknowledgement WHERE 0;
