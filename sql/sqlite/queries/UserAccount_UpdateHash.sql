-- Replaces a hash made with older hasher settings after a successful sign-in (Identity's rehash).
UPDATE UserAccount SET PasswordHash = @PasswordHash WHERE UserName = @UserName;
