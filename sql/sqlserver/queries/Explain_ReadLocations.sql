-- Where a worker was based while the batches were captured (locations known by the as-of date).
SELECT ValidFrom, ValidTo, CountryCode, SubdivisionCode
FROM WorkerLocation
WHERE WorkerId = @WorkerId AND ValidFrom <= @AsOf AND ValidFrom < @To AND (ValidTo IS NULL OR ValidTo >= @From)
ORDER BY ValidFrom;
