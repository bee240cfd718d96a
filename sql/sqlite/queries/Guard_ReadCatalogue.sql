-- Every dataset's and job's name as lineage has seen it: how `guard check` splits NS/NAME where a namespace holds '/'.
SELECT 'dataset' AS Kind, Namespace, Name FROM Dataset
UNION
SELECT DISTINCT 'job' AS Kind, JobNamespace AS Namespace, JobName AS Name FROM LineageEdge;
