-- One account, for sign-in.
SELECT UserName, Role, PasswordHash, DisabledAt FROM UserAccount WHERE UserName = @UserName;
