-- Locations in force by the as-of date, oldest first per worker (people relocate).
SELECT WorkerId, ValidFrom, ValidTo, CountryCode, SubdivisionCode
FROM WorkerLocation
WHERE ValidFrom <= @AsOf
ORDER BY WorkerId, ValidFrom;
