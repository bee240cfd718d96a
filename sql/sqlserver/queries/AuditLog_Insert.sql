-- Appends one entry; nothing updates or deletes this table (triggers refuse it).
INSERT INTO dbo.AuditLog (At, Actor, Action, Subject, Details, Role, Request, Sha256)
VALUES (@At, @Actor, @Action, @Subject, @Details, @Role, @Request, @Sha256);
