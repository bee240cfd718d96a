-- Workforce events (reductions in force, AI-investment announcements) announced by the as-of date, in a window around the finding.
SELECT EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description
FROM WorkforceEvent
WHERE AnnouncedOn <= @AsOf AND AnnouncedOn >= @From AND AnnouncedOn <= @To
ORDER BY AnnouncedOn, EventId;
