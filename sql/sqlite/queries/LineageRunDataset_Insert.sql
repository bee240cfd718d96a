-- A dataset a run read ('in') or wrote ('out'), from any of its events: a run's inputs and outputs accumulate.
INSERT INTO LineageRunDataset (RunKey, Direction, DatasetId)
VALUES (@RunKey, @Direction, @DatasetId)
ON CONFLICT (RunKey, Direction, DatasetId) DO NOTHING;
