-- The edges a run has a share in, to rebuild each after its shares are taken back (it failed or was aborted).
SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName FROM dbo.LineageRunEdge WHERE RunKey = @RunKey;
