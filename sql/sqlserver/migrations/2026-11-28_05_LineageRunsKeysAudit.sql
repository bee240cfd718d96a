-- OpenLineage runs, API keys, web users and a fuller audit log (issue 11).
--
-- A run's lineage is the product of all its inputs and all its outputs, over every event of the run, and a run
-- whose newest terminal event is FAIL or ABORT draws none. Events arrive in any order, so each run keeps its
-- state (LineageRun, LineageRunDataset, LineageRunTransform) and its share of each edge (LineageRunEdge);
-- LineageEdge, which the scan reads, is the union of those shares, so a failed run's share can be taken back.
-- Order keys ('<ticks, 19 digits>|<event hash>') compare events with full precision and break ties the same way
-- on every database, so the newest event wins whatever order events are processed in.

ALTER TABLE dbo.LineageEvent ADD EventTimeAssumedUtc BIT NOT NULL CONSTRAINT DF_LineageEvent_EventTimeAssumedUtc DEFAULT 0;

ALTER TABLE dbo.Dataset ADD KindKey VARCHAR(84) NULL, CommercialKey VARCHAR(84) NULL;

ALTER TABLE dbo.LineageEdge ADD TransformKey VARCHAR(84) NULL;
GO

-- RunKey is the SHA-256 of (run id, job namespace, job name): a run id reused by another job is another run.
CREATE TABLE dbo.LineageRun (
    RunKey       CHAR(64)      NOT NULL CONSTRAINT PK_LineageRun PRIMARY KEY,
    RunId        VARCHAR(64)   NOT NULL,
    JobNamespace NVARCHAR(400) NOT NULL,
    JobName      NVARCHAR(400) NOT NULL,
    FirstSeen    DATETIME2(0)  NOT NULL,
    LastSeen     DATETIME2(0)  NOT NULL,
    EndType      VARCHAR(20)   NULL,
    EndKey       VARCHAR(84)   NULL
);

CREATE TABLE dbo.LineageRunDataset (
    RunKey    CHAR(64)   NOT NULL,
    Direction VARCHAR(3) NOT NULL,
    DatasetId INT        NOT NULL,
    CONSTRAINT PK_LineageRunDataset PRIMARY KEY (RunKey, Direction, DatasetId),
    CONSTRAINT FK_LineageRunDataset_LineageRun FOREIGN KEY (RunKey) REFERENCES dbo.LineageRun (RunKey),
    CONSTRAINT FK_LineageRunDataset_Dataset FOREIGN KEY (DatasetId) REFERENCES dbo.Dataset (DatasetId)
);

-- The newest transform a run's events gave for (source, target); the source is named as the facet names it,
-- since column lineage may cite it before (or without) listing it as an input.
CREATE TABLE dbo.LineageRunTransform (
    RunKey          CHAR(64)      NOT NULL,
    TargetDatasetId INT           NOT NULL,
    SourceKey       CHAR(64)      NOT NULL,
    SourceNamespace NVARCHAR(400) NOT NULL,
    SourceName      NVARCHAR(400) NOT NULL,
    Transform       VARCHAR(20)   NOT NULL,
    TransformKey    VARCHAR(84)   NOT NULL,
    CONSTRAINT PK_LineageRunTransform PRIMARY KEY (RunKey, TargetDatasetId, SourceKey),
    CONSTRAINT FK_LineageRunTransform_LineageRun FOREIGN KEY (RunKey) REFERENCES dbo.LineageRun (RunKey)
);

-- One share of an edge: a run's (RunKey = LineageRun.RunKey) or the edge imports' (RunKey = 'import').
CREATE TABLE dbo.LineageRunEdge (
    SourceDatasetId INT           NOT NULL,
    TargetDatasetId INT           NOT NULL,
    JobNamespace    NVARCHAR(400) NOT NULL,
    JobName         NVARCHAR(400) NOT NULL,
    RunKey          VARCHAR(64)   NOT NULL,
    RunId           VARCHAR(64)   NULL,
    Transform       VARCHAR(20)   NOT NULL,
    TransformKey    VARCHAR(84)   NULL,
    FirstSeen       DATETIME2(0)  NOT NULL,
    LastSeen        DATETIME2(0)  NOT NULL,
    CONSTRAINT PK_LineageRunEdge PRIMARY KEY (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey)
);
CREATE INDEX IX_LineageRunEdge_RunKey ON dbo.LineageRunEdge (RunKey);
GO

-- Edges stored before runs were tracked keep their window as one share that no later event takes back.
INSERT INTO dbo.LineageRunEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey, RunId, Transform, TransformKey, FirstSeen, LastSeen)
SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName, 'import', LastRunId, Transform, NULL, FirstSeen, LastSeen
FROM dbo.LineageEdge;

-- API keys: only the SHA-256 of the secret is stored; KeyId is the public half of the key.
CREATE TABLE dbo.ApiKey (
    KeyId      VARCHAR(32)   NOT NULL CONSTRAINT PK_ApiKey PRIMARY KEY,
    Name       NVARCHAR(200) NOT NULL,
    Role       VARCHAR(20)   NOT NULL,
    SecretHash VARBINARY(32) NOT NULL,
    CreatedAt  DATETIME2(0)  NOT NULL,
    CreatedBy  NVARCHAR(200) NOT NULL,
    RevokedAt  DATETIME2(0)  NULL,
    RevokedBy  NVARCHAR(200) NULL
);
CREATE UNIQUE INDEX IX_ApiKey_Name ON dbo.ApiKey (Name);

-- Local accounts for the web page; PasswordHash is ASP.NET Core Identity's (PBKDF2, salted, versioned).
CREATE TABLE dbo.UserAccount (
    UserName     NVARCHAR(200) NOT NULL CONSTRAINT PK_UserAccount PRIMARY KEY,
    Role         VARCHAR(20)   NOT NULL,
    PasswordHash VARCHAR(400)  NOT NULL,
    CreatedAt    DATETIME2(0)  NOT NULL,
    CreatedBy    NVARCHAR(200) NOT NULL,
    DisabledAt   DATETIME2(0)  NULL
);

-- Who acted in which role, on which request, and the SHA-256 of a file served. The INSTEAD OF triggers of
-- the initial migration keep refusing UPDATE and DELETE on the wider table.
ALTER TABLE dbo.AuditLog ADD Role VARCHAR(20) NULL, Request NVARCHAR(1000) NULL, Sha256 CHAR(64) NULL;
CREATE INDEX IX_AuditLog_At ON dbo.AuditLog (At);
GO
