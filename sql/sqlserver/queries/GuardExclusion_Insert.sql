-- A batch an allow-with-exclusions answer leaves out.
INSERT INTO dbo.GuardExclusion (DecisionId, BatchId, WorkerId, ToolId, ConfigVersion, Dataset, CapturedFrom, CapturedTo, Rules)
VALUES (@DecisionId, @BatchId, @WorkerId, @ToolId, @ConfigVersion, @Dataset, @CapturedFrom, @CapturedTo, @Rules);
