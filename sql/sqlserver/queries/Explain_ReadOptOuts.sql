-- A worker's opt-outs made by the end of the as-of day.
SELECT ProgramId, OptedOutAt, Scope
FROM OptOut
WHERE WorkerId = @WorkerId AND OptedOutAt < @Cutoff
ORDER BY OptedOutAt, ProgramId;
