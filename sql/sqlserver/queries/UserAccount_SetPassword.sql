-- A new password (Identity's PBKDF2 hash); the caller ends the account's sessions in the same transaction.
UPDATE dbo.UserAccount SET PasswordHash = @PasswordHash, PasswordChangedAt = @Now WHERE UserName = @UserName;
