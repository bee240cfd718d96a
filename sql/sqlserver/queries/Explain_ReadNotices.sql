-- Every version of one notice series (a tool's or a program's) published by the as-of date, oldest first: the last is in force.
SELECT NoticeId, ToolId, ProgramId, Version, PublishedOn, Purposes, Capabilities, OffersOptOut
FROM Notice
WHERE PublishedOn <= @AsOf AND ((@ToolId IS NOT NULL AND ToolId = @ToolId) OR (@ProgramId IS NOT NULL AND ProgramId = @ProgramId))
ORDER BY PublishedOn, Version, NoticeId;
