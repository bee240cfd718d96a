-- One account, for sign-in.
SELECT UserName, Role, PasswordHash, DisabledAt FROM dbo.UserAccount WHERE UserName = @UserName;
