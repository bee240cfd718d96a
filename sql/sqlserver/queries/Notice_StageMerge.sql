-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.Notice WITH (HOLDLOCK) AS t
USING #Stage_Notice AS s
    ON t.NoticeId = s.NoticeId
WHEN MATCHED THEN UPDATE SET
    t.ToolId = s.ToolId,
    t.ProgramId = s.ProgramId,
    t.Version = s.Version,
    t.PublishedOn = s.PublishedOn,
    t.Purposes = s.Purposes,
    t.Capabilities = s.Capabilities,
    t.OffersOptOut = s.OffersOptOut,
    t.Summary = s.Summary
WHEN NOT MATCHED BY TARGET THEN
    INSERT (NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut, Summary)
    VALUES (s.NoticeId, s.ToolId, s.ProgramId, s.Version, s.PublishedOn, s.Purposes, s.Capabilities, s.OffersOptOut, s.Summary);

DROP TABLE #Stage_Notice;
