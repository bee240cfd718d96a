-- The newest entries matching the filters (each filter is ignored when NULL), newest first.
SELECT TOP (@Limit) AuditId, At, Actor, Role, Action, Subject, Details, Request, Sha256
FROM dbo.AuditLog
WHERE (@Since IS NULL OR At >= @Since)
  AND (@Until IS NULL OR At < @Until)
  AND (@Actor IS NULL OR Actor = @Actor)
  AND (@Action IS NULL OR Action = @Action)
  AND (@Role IS NULL OR Role = @Role)
ORDER BY AuditId DESC;
