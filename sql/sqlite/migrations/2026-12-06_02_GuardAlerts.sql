-- Alerts as lineage arrives. A stored run event (not a repeat) leaves a row in GuardPending in the same transaction,
-- so a crash between the commit and the evaluation loses nothing; the alerter judges the run and deletes the row.
-- One alert per (run, rule); one delivery per (alert, webhook URL), whose id is the X-Audit-Delivery header on
-- every attempt.
CREATE TABLE GuardPending (
    EventHash TEXT NOT NULL CONSTRAINT PK_GuardPending PRIMARY KEY,
    RunKey    TEXT NOT NULL,
    QueuedAt  TEXT NOT NULL
);

CREATE TABLE GuardAlert (
    AlertId      TEXT    NOT NULL CONSTRAINT PK_GuardAlert PRIMARY KEY,
    RunKey       TEXT    NOT NULL,
    RunId        TEXT    NOT NULL,
    JobNamespace TEXT    NOT NULL,
    JobName      TEXT    NOT NULL,
    RuleCode         TEXT    NOT NULL,
    Title        TEXT    NOT NULL,
    Findings     TEXT    NOT NULL,
    Workers      INTEGER NOT NULL,
    Batches      INTEGER NOT NULL,
    Inputs       TEXT    NOT NULL,
    Outputs      TEXT    NOT NULL,
    Path         TEXT    NOT NULL,
    EventTime    TEXT    NOT NULL,
    RaisedAt     TEXT    NOT NULL
);
CREATE UNIQUE INDEX IX_GuardAlert_RunKey_Rule ON GuardAlert (RunKey, RuleCode);
CREATE INDEX IX_GuardAlert_RaisedAt ON GuardAlert (RaisedAt);

CREATE TABLE GuardDelivery (
    DeliveryId    TEXT    NOT NULL CONSTRAINT PK_GuardDelivery PRIMARY KEY,
    AlertId       TEXT    NOT NULL,
    Url           TEXT    NOT NULL,
    Status        TEXT    NOT NULL,
    Attempts      INTEGER NOT NULL,
    LastAttemptAt TEXT    NULL,
    LastResult    TEXT    NULL,
    DeliveredAt   TEXT    NULL,
    CONSTRAINT FK_GuardDelivery_GuardAlert FOREIGN KEY (AlertId) REFERENCES GuardAlert (AlertId)
);
CREATE INDEX IX_GuardDelivery_AlertId ON GuardDelivery (AlertId);
