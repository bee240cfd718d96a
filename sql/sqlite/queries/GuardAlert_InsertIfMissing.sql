-- One alert per (run, rule): a later event of the same run that breaks the same rule adds nothing (0 rows).
INSERT INTO GuardAlert (AlertId, RunKey, RunId, JobNamespace, JobName, RuleCode, Title, Findings, Workers, Batches, Inputs, Outputs, Path, EventTime, RaisedAt)
VALUES (@AlertId, @RunKey, @RunId, @JobNamespace, @JobName, @Rule, @Title, @Findings, @Workers, @Batches, @Inputs, @Outputs, @Path, @EventTime, @RaisedAt)
ON CONFLICT (RunKey, RuleCode) DO NOTHING;
