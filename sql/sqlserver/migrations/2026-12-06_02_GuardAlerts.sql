-- Alerts as lineage arrives. A stored run event (not a repeat) leaves a row in GuardPending in the same transaction,
-- so a crash between the commit and the evaluation loses nothing; the alerter judges the run and deletes the row.
-- One alert per (run, rule); one delivery per (alert, webhook URL), whose id is the X-Audit-Delivery header on
-- every attempt.
CREATE TABLE dbo.GuardPending (
    EventHash CHAR(64)     NOT NULL CONSTRAINT PK_GuardPending PRIMARY KEY,
    RunKey    CHAR(64)     NOT NULL,
    QueuedAt  DATETIME2(3) NOT NULL
);

CREATE TABLE dbo.GuardAlert (
    AlertId      CHAR(32)       NOT NULL CONSTRAINT PK_GuardAlert PRIMARY KEY,
    RunKey       CHAR(64)       NOT NULL,
    RunId        NVARCHAR(200)  NOT NULL,
    JobNamespace NVARCHAR(1024) NOT NULL,
    JobName      NVARCHAR(1024) NOT NULL,
    RuleCode         VARCHAR(20)    NOT NULL,
    Title        NVARCHAR(1000) NOT NULL,
    Findings     NVARCHAR(MAX)  NOT NULL,
    Workers      INT            NOT NULL,
    Batches      BIGINT         NOT NULL,
    Inputs       NVARCHAR(MAX)  NOT NULL,
    Outputs      NVARCHAR(MAX)  NOT NULL,
    Path         NVARCHAR(MAX)  NOT NULL,
    EventTime    DATETIME2(3)   NOT NULL,
    RaisedAt     DATETIME2(3)   NOT NULL
);
CREATE UNIQUE INDEX IX_GuardAlert_RunKey_Rule ON dbo.GuardAlert (RunKey, RuleCode);
CREATE INDEX IX_GuardAlert_RaisedAt ON dbo.GuardAlert (RaisedAt);

CREATE TABLE dbo.GuardDelivery (
    DeliveryId    CHAR(32)       NOT NULL CONSTRAINT PK_GuardDelivery PRIMARY KEY,
    AlertId       CHAR(32)       NOT NULL,
    Url           NVARCHAR(2000) NOT NULL,
    Status        VARCHAR(20)    NOT NULL,
    Attempts      INT            NOT NULL,
    LastAttemptAt DATETIME2(3)   NULL,
    LastResult    NVARCHAR(400)  NULL,
    DeliveredAt   DATETIME2(3)   NULL,
    CONSTRAINT FK_GuardDelivery_GuardAlert FOREIGN KEY (AlertId) REFERENCES dbo.GuardAlert (AlertId)
);
CREATE INDEX IX_GuardDelivery_AlertId ON dbo.GuardDelivery (AlertId);
GO
