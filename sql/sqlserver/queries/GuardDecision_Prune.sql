-- Retention: decisions (and their exclusions) older than the cutoff go; the audit log keeps that they were asked.
DELETE FROM dbo.GuardExclusion WHERE DecisionId IN (SELECT DecisionId FROM dbo.GuardDecision WHERE DecidedAt < @Before);
DELETE FROM dbo.GuardDecision WHERE DecidedAt < @Before;
