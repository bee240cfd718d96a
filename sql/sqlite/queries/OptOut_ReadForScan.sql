-- Opt-outs made before the end of the as-of day.
SELECT WorkerId, ProgramId, OptedOutAt, Scope
FROM OptOut
WHERE OptedOutAt < @Cutoff;
