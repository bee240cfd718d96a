-- Findings a team can work (issue 25, item 1): every status change carries the finding's owner (a user or a team) and
-- due day as they stand after it, and an accepted risk its approver and expiry day. A change that does not name them
-- keeps the previous ones, so the newest row is the finding's whole workflow state and the history shows each step.
ALTER TABLE dbo.FindingStatusChange ADD
    Owner     NVARCHAR(200) NULL,
    DueOn     DATE          NULL,
    Approver  NVARCHAR(200) NULL,
    ExpiresOn DATE          NULL;
