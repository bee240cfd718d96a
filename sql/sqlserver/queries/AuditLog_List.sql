-- The newest entries matching the filters (each filter is ignored when NULL), newest first; @Before pages back
-- by id (older than that entry), so a page stays put while new entries arrive.
SELECT TOP (@Limit) AuditId, At, Actor, Role, Action, Subject, Details, Request, Sha256
FROM dbo.AuditLog
WHERE (@Since IS NULL OR At >= @Since)
  AND (@Until IS NULL OR At < @Until)
  AND (@Actor IS NULL OR Actor = @Actor)
  AND (@Action IS NULL OR Action = @Action)
  AND (@Role IS NULL OR Role = @Role)
  AND (@Subject IS NULL OR Subject = @Subject)
  AND (@Before IS NULL OR AuditId < @Before)
ORDER BY AuditId DESC;
