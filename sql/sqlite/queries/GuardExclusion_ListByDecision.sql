-- The batches a decision leaves out, by worker and capture start (the CSV's rows).
SELECT BatchId, WorkerId, ToolId, ConfigVersion, Dataset, CapturedFrom, CapturedTo, Rules
FROM GuardExclusion
WHERE DecisionId = @DecisionId
ORDER BY WorkerId, CapturedFrom, BatchId;
