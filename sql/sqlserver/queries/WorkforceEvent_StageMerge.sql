-- Upserts staged rows on the natural key, so importing the same file twice adds nothing.
-- HOLDLOCK closes the gap between MERGE's match and insert when two service instances import at once.
MERGE dbo.WorkforceEvent WITH (HOLDLOCK) AS t
USING #Stage_WorkforceEvent AS s
    ON t.EventId = s.EventId
WHEN MATCHED THEN UPDATE SET
    t.Kind = s.Kind,
    t.AnnouncedOn = s.AnnouncedOn,
    t.EffectiveOn = s.EffectiveOn,
    t.AffectedCount = s.AffectedCount,
    t.Description = s.Description
WHEN NOT MATCHED BY TARGET THEN
    INSERT (EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description)
    VALUES (s.EventId, s.Kind, s.AnnouncedOn, s.EffectiveOn, s.AffectedCount, s.Description);

DROP TABLE #Stage_WorkforceEvent;
