-- One decision of the guard, as answered: never updated afterwards.
INSERT INTO dbo.GuardDecision (DecisionId, DecidedAt, Actor, Role, Source, JobNamespace, JobName, Purpose, FlowAt, Decision, Summary, Flow, Reasons, ExcludedWorkers, ExcludedBatches, ScanId, TheoriesVersion)
VALUES (@DecisionId, @DecidedAt, @Actor, @Role, @Source, @JobNamespace, @JobName, @Purpose, @FlowAt, @Decision, @Summary, @Flow, @Reasons, @ExcludedWorkers, @ExcludedBatches, @ScanId, @TheoriesVersion);
