-- The scheduled service's ledger: one row per (job, period) so a re-run, a retry or a second server finds the
-- period already done and does nothing; and one row per delivery (folder or mail recipient) of that period,
-- written before the mail is handed to the server, so a crash between sending and recording leaves a row
-- that says the outcome is unknown instead of a silent second mail.

CREATE TABLE JobRun (
    JobName         TEXT    NOT NULL,
    Period          TEXT    NOT NULL,
    Status          TEXT    NOT NULL,
    Attempts        INTEGER NOT NULL,
    StartedAt       TEXT    NOT NULL,
    CompletedAt     TEXT    NULL,
    BackgroundJobId TEXT    NULL,
    Outcome         TEXT    NULL,
    CONSTRAINT PK_JobRun PRIMARY KEY (JobName, Period)
);

CREATE TABLE JobDelivery (
    JobName        TEXT    NOT NULL,
    Period         TEXT    NOT NULL,
    Channel        TEXT    NOT NULL,
    Target         TEXT    NOT NULL,
    Status         TEXT    NOT NULL,
    Attempts       INTEGER NOT NULL,
    FirstAttemptAt TEXT    NOT NULL,
    CompletedAt    TEXT    NULL,
    CONSTRAINT PK_JobDelivery PRIMARY KEY (JobName, Period, Channel, Target)
);
