-- One logged decision.
SELECT DecisionId, DecidedAt, Actor, Role, Source, JobNamespace, JobName, Purpose, FlowAt, Decision, Summary, Flow, Reasons, ExcludedWorkers, ExcludedBatches, ScanId, TheoriesVersion
FROM GuardDecision
WHERE DecisionId = @DecisionId;
