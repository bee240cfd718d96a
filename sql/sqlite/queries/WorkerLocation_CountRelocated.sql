-- Workers who have been based in more than one country.
SELECT COUNT(*)
FROM (SELECT WorkerId FROM WorkerLocation GROUP BY WorkerId HAVING COUNT(DISTINCT CountryCode) > 1) AS relocated;
