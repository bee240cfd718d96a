-- Takes back a failed or aborted run's shares of the edges; LineageEdge_Recompute then rebuilds each edge.
DELETE FROM dbo.LineageRunEdge WHERE RunKey = @RunKey;
