-- Retention: decisions (and their exclusions) older than the cutoff go; the audit log keeps that they were asked.
DELETE FROM GuardExclusion WHERE DecisionId IN (SELECT DecisionId FROM GuardDecision WHERE DecidedAt < @Before);
DELETE FROM GuardDecision WHERE DecidedAt < @Before;
