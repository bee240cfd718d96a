-- Ends the scan's read transaction; it wrote nothing.
COMMIT;
