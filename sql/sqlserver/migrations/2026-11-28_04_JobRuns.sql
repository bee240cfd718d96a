-- The scheduled service's ledger: one row per (job, period) so a re-run, a retry or a second server finds the
-- period already done and does nothing; and one row per delivery (folder or mail recipient) of that period,
-- written before the mail is handed to the server, so a crash between sending and recording leaves a row
-- that says the outcome is unknown instead of a silent second mail.

CREATE TABLE dbo.JobRun (
    JobName         VARCHAR(60)    NOT NULL,
    Period          NVARCHAR(100)  NOT NULL,
    Status          VARCHAR(20)    NOT NULL,
    Attempts        INT            NOT NULL,
    StartedAt       DATETIME2(0)   NOT NULL,
    CompletedAt     DATETIME2(0)   NULL,
    BackgroundJobId NVARCHAR(100)  NULL,
    Outcome         NVARCHAR(4000) NULL,
    CONSTRAINT PK_JobRun PRIMARY KEY (JobName, Period)
);

CREATE TABLE dbo.JobDelivery (
    JobName        VARCHAR(60)    NOT NULL,
    Period         NVARCHAR(100)  NOT NULL,
    Channel        VARCHAR(20)    NOT NULL,
    Target         NVARCHAR(400)  NOT NULL,
    Status         VARCHAR(20)    NOT NULL,
    Attempts       INT            NOT NULL,
    FirstAttemptAt DATETIME2(0)   NOT NULL,
    CompletedAt    DATETIME2(0)   NULL,
    CONSTRAINT PK_JobDelivery PRIMARY KEY (JobName, Period, Channel, Target)
);
