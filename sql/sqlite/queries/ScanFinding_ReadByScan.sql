-- The findings one scan recorded (resolved ones included, as last seen), whole: what its reports print.
SELECT ScanId, FindingKey, RuleCode, SubjectKind, SubjectKey, SubjectName, Severity, Title, Change, Evidence, FirstSeen, LastSeen,
       AffectedWorkerCount, Batches, ActiveMinutes, BatchesReachingTraining, CompensatedContributors, UncompensatedHours,
       BenchmarkRate, ReplacementValueLow, ReplacementValueHigh, CommercialModels, ExposureLow, ExposureHigh
FROM ScanFinding
WHERE ScanId = @ScanId
ORDER BY RuleCode, FindingKey;
