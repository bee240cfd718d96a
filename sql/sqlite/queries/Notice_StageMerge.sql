-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO Notice (NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut, Summary)
SELECT NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut, Summary
FROM Stage_Notice
WHERE true
ON CONFLICT (NoticeId) DO UPDATE SET
    ToolId = excluded.ToolId,
    ProgramId = excluded.ProgramId,
    Version = excluded.Version,
    PublishedOn = excluded.PublishedOn,
    Purposes = excluded.Purposes,
    Capabilities = excluded.Capabilities,
    OffersOptOut = excluded.OffersOptOut,
    Summary = excluded.Summary;

DROP TABLE temp.Stage_Notice;
