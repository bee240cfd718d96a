-- Notices published by the as-of date.
SELECT NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut
FROM Notice
WHERE PublishedOn <= @AsOf;
