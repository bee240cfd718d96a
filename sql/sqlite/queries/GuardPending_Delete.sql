-- A judged event: its alerts (if any) are stored.
DELETE FROM GuardPending WHERE EventHash = @EventHash;
