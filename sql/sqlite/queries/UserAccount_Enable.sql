-- Enables a disabled account again; its old sessions stay ended, so the user signs in anew.
UPDATE UserAccount SET DisabledAt = NULL WHERE UserName = @UserName AND DisabledAt IS NOT NULL;
