INSERT INTO AuditLog (At, Actor, Action, Subject, Details)
VALUES (@At, @Actor, @Action, @Subject, @Details);
