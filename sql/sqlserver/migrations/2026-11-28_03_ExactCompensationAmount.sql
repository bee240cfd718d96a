-- SQL Server has held CompensationAgreement.Amount exactly (DECIMAL(19,4)) since the first migration; this file
-- exists so both dialects apply the same list of migrations. The SQLite twin rebuilds the table with Amount as TEXT.
SELECT 1 AS AlreadyExact;
