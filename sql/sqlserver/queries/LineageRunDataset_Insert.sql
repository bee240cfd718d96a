-- A dataset a run read ('in') or wrote ('out'), from any of its events: a run's inputs and outputs accumulate.
INSERT INTO dbo.LineageRunDataset (RunKey, Direction, DatasetId)
SELECT @RunKey, @Direction, @DatasetId
WHERE NOT EXISTS (SELECT 1 FROM dbo.LineageRunDataset WITH (UPDLOCK, HOLDLOCK)
                  WHERE RunKey = @RunKey AND Direction = @Direction AND DatasetId = @DatasetId);
