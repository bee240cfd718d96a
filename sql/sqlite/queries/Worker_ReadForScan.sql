-- Workers as the scan sees them; a termination counts only once it has happened by the as-of date.
SELECT WorkerId, EmploymentType, HireDate,
       CASE WHEN TerminationDate <= @AsOf THEN TerminationDate END AS TerminationDate,
       CASE WHEN TerminationDate <= @AsOf THEN TerminationReason END AS TerminationReason
FROM Worker;
