-- Ends the scan's read transaction; it wrote nothing. The next transaction on this connection reads committed data again.
COMMIT TRANSACTION;
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
