-- When the account last signed in, for the users page.
UPDATE UserAccount SET LastSignInAt = @Now WHERE UserName = @UserName;
