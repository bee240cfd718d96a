-- Every account without its hash, for 'users list' and the users page.
SELECT UserName, Role, CreatedAt, CreatedBy, DisabledAt, LastSignInAt, PasswordChangedAt FROM dbo.UserAccount ORDER BY UserName;
