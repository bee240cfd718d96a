-- One alert per (run, rule): a later event of the same run that breaks the same rule adds nothing (0 rows).
INSERT INTO dbo.GuardAlert (AlertId, RunKey, RunId, JobNamespace, JobName, RuleCode, Title, Findings, Workers, Batches, Inputs, Outputs, Path, EventTime, RaisedAt)
SELECT @AlertId, @RunKey, @RunId, @JobNamespace, @JobName, @Rule, @Title, @Findings, @Workers, @Batches, @Inputs, @Outputs, @Path, @EventTime, @RaisedAt
WHERE NOT EXISTS (SELECT 1 FROM dbo.GuardAlert WITH (UPDLOCK, HOLDLOCK) WHERE RunKey = @RunKey AND RuleCode = @Rule);
