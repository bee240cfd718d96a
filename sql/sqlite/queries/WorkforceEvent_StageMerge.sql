-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO WorkforceEvent (EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description)
SELECT EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description
FROM Stage_WorkforceEvent
WHERE true
ON CONFLICT (EventId) DO UPDATE SET
    Kind = excluded.Kind,
    AnnouncedOn = excluded.AnnouncedOn,
    EffectiveOn = excluded.EffectiveOn,
    AffectedCount = excluded.AffectedCount,
    Description = excluded.Description;

DROP TABLE temp.Stage_WorkforceEvent;
