-- The guard's decision log: every question a pipeline asked before it ran (who asked, the flow, the answer, the basis)
-- and, for an answer that allows the flow without some workers, the batches to leave out (what the CSV download lists).
-- Kept like scans (Retention:GuardDecisionDays) and never changed once written.
CREATE TABLE GuardDecision (
    DecisionId      TEXT    NOT NULL CONSTRAINT PK_GuardDecision PRIMARY KEY,
    DecidedAt       TEXT    NOT NULL,
    Actor           TEXT    NOT NULL,
    Role            TEXT    NOT NULL,
    Source          TEXT    NOT NULL,
    JobNamespace    TEXT    NOT NULL,
    JobName         TEXT    NOT NULL,
    Purpose         TEXT    NOT NULL,
    FlowAt          TEXT    NOT NULL,
    Decision        TEXT    NOT NULL,
    Summary         TEXT    NOT NULL,
    Flow            TEXT    NOT NULL,
    Reasons         TEXT    NOT NULL,
    ExcludedWorkers INTEGER NOT NULL,
    ExcludedBatches INTEGER NOT NULL,
    ScanId          INTEGER NULL,
    TheoriesVersion TEXT    NOT NULL
);
CREATE INDEX IX_GuardDecision_DecidedAt ON GuardDecision (DecidedAt);

CREATE TABLE GuardExclusion (
    DecisionId    TEXT NOT NULL,
    BatchId       TEXT NOT NULL,
    WorkerId      TEXT NOT NULL,
    ToolId        TEXT NOT NULL,
    ConfigVersion TEXT NOT NULL,
    Dataset       TEXT NOT NULL,
    CapturedFrom  TEXT NOT NULL,
    CapturedTo    TEXT NOT NULL,
    Rules         TEXT NOT NULL,
    CONSTRAINT PK_GuardExclusion PRIMARY KEY (DecisionId, BatchId),
    CONSTRAINT FK_GuardExclusion_GuardDecision FOREIGN KEY (DecisionId) REFERENCES GuardDecision (DecisionId)
);
