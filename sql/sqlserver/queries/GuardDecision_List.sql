-- Logged decisions, newest first, each filter ignored when null (the /guard page and GET /api/v1/guard/decisions).
SELECT TOP (@Limit) DecisionId, DecidedAt, Actor, Role, Source, JobNamespace, JobName, Purpose, FlowAt, Decision, Summary, Flow, Reasons, ExcludedWorkers, ExcludedBatches, ScanId, TheoriesVersion
FROM dbo.GuardDecision
WHERE (@Decision IS NULL OR Decision = @Decision)
  AND (@Job IS NULL OR JobNamespace + N'/' + JobName = @Job)
  AND (@Since IS NULL OR DecidedAt >= @Since)
ORDER BY DecidedAt DESC, DecisionId DESC;
