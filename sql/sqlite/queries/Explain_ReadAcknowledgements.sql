-- A worker's acknowledgements made by the end of the as-of day, with what the acknowledged notice version names.
SELECT a.NoticeId, a.AcknowledgedAt, a.ConsentPurposes, n.ToolId, n.ProgramId, n.Version, n.PublishedOn, n.Purposes
FROM Acknowledgement a
JOIN Notice n ON n.NoticeId = a.NoticeId
WHERE a.WorkerId = @WorkerId AND a.AcknowledgedAt < @Cutoff
ORDER BY a.AcknowledgedAt, a.NoticeId;
