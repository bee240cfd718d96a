-- A judged event: its alerts (if any) are stored.
DELETE FROM dbo.GuardPending WHERE EventHash = @EventHash;
