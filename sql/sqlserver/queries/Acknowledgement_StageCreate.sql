-- Staging table for an import of Acknowledgement: SqlBulkCopy fills it, then Acknowledgement_StageMerge upserts the rows.
DROP TABLE IF EXISTS #Stage_Acknowledgement;
SELECT TOP (0) WorkerId, NoticeId, AcknowledgedAt, ConsentPurposes INTO #Stage_Acknowledgement FROM dbo.Acknowledgement;
