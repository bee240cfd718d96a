-- One finding as one scan saw it: everything a report prints about it, so no report reads the live tables.
INSERT INTO ScanFinding (ScanId, FindingKey, RuleCode, SubjectKind, SubjectKey, SubjectName, Severity, Title, Change, Evidence, FirstSeen, LastSeen,
                         AffectedWorkerCount, Batches, ActiveMinutes, BatchesReachingTraining, CompensatedContributors, UncompensatedHours,
                         BenchmarkRate, ReplacementValueLow, ReplacementValueHigh, CommercialModels, ExposureLow, ExposureHigh)
VALUES (@ScanId, @FindingKey, @RuleCode, @SubjectKind, @SubjectKey, @SubjectName, @Severity, @Title, @Change, @Evidence, @FirstSeen, @LastSeen,
        @AffectedWorkerCount, @Batches, @ActiveMinutes, @BatchesReachingTraining, @CompensatedContributors, @UncompensatedHours,
        @BenchmarkRate, @ReplacementValueLow, @ReplacementValueHigh, @CommercialModels, @ExposureLow, @ExposureHigh);
