-- Every account without its hash, for 'users list'.
SELECT UserName, Role, CreatedAt, CreatedBy, DisabledAt FROM UserAccount ORDER BY UserName;
