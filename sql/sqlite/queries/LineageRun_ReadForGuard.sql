-- A run as the guard judges it: its job, and every dataset it read (in) or wrote (out) over all its events.
SELECT r.RunId, r.JobNamespace, r.JobName, rd.Direction, d.Namespace, d.Name
FROM LineageRun r
JOIN LineageRunDataset rd ON rd.RunKey = r.RunKey
JOIN Dataset d ON d.DatasetId = rd.DatasetId
WHERE r.RunKey = @RunKey
ORDER BY rd.Direction, d.Namespace, d.Name;
