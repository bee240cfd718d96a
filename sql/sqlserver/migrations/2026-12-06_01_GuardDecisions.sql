-- The guard's decision log: every question a pipeline asked before it ran (who asked, the flow, the answer, the basis)
-- and, for an answer that allows the flow without some workers, the batches to leave out (what the CSV download lists).
-- Kept like scans (Retention:GuardDecisionDays) and never changed once written.
CREATE TABLE dbo.GuardDecision (
    DecisionId      CHAR(32)        NOT NULL CONSTRAINT PK_GuardDecision PRIMARY KEY,
    DecidedAt       DATETIME2(0)    NOT NULL,
    Actor           NVARCHAR(200)   NOT NULL,
    Role            VARCHAR(20)     NOT NULL,
    Source          VARCHAR(20)     NOT NULL,
    JobNamespace    NVARCHAR(1024)  NOT NULL,
    JobName         NVARCHAR(1024)  NOT NULL,
    Purpose         VARCHAR(20)     NOT NULL,
    FlowAt          DATETIME2(0)    NOT NULL,
    Decision        VARCHAR(32)     NOT NULL,
    Summary         NVARCHAR(1000)  NOT NULL,
    Flow            NVARCHAR(MAX)   NOT NULL,
    Reasons         NVARCHAR(MAX)   NOT NULL,
    ExcludedWorkers INT             NOT NULL,
    ExcludedBatches INT             NOT NULL,
    ScanId          INT             NULL,
    TheoriesVersion VARCHAR(64)     NOT NULL
);
CREATE INDEX IX_GuardDecision_DecidedAt ON dbo.GuardDecision (DecidedAt);

CREATE TABLE dbo.GuardExclusion (
    DecisionId    CHAR(32)       NOT NULL,
    BatchId       NVARCHAR(64)   NOT NULL,
    WorkerId      NVARCHAR(64)   NOT NULL,
    ToolId        NVARCHAR(64)   NOT NULL,
    ConfigVersion NVARCHAR(32)   NOT NULL,
    Dataset       NVARCHAR(2100) NOT NULL,
    CapturedFrom  DATETIME2(0)   NOT NULL,
    CapturedTo    DATETIME2(0)   NOT NULL,
    Rules         VARCHAR(100)   NOT NULL,
    CONSTRAINT PK_GuardExclusion PRIMARY KEY (DecisionId, BatchId),
    CONSTRAINT FK_GuardExclusion_GuardDecision FOREIGN KEY (DecisionId) REFERENCES dbo.GuardDecision (DecisionId)
);
GO
