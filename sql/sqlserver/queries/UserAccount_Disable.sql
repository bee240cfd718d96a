-- Disables an account; accounts are not deleted, so the audit log's 'who' stays meaningful.
UPDATE dbo.UserAccount SET DisabledAt = @DisabledAt WHERE UserName = @UserName AND DisabledAt IS NULL;
