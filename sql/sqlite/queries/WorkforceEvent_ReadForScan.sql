SELECT EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description
FROM WorkforceEvent
WHERE AnnouncedOn <= @AsOf;
