-- Every account without its hash, for 'users list'.
SELECT UserName, Role, CreatedAt, CreatedBy, DisabledAt FROM dbo.UserAccount ORDER BY UserName;
