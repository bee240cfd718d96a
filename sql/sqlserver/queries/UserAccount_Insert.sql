-- A local web account; PasswordHash is ASP.NET Core Identity's PBKDF2 hash, never the password.
INSERT INTO dbo.UserAccount (UserName, Role, PasswordHash, CreatedAt, CreatedBy)
VALUES (@UserName, @Role, @PasswordHash, @CreatedAt, @CreatedBy);
