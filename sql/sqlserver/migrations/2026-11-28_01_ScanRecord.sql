-- Every scan becomes a record its reports read whole (issue 7). Reports used to join a scan's rows to the live
-- Finding and FindingWorker tables, which only hold the newest scan's view, so an old month's report changed
-- whenever a later scan ran. Now ScanFinding carries everything a report prints about a finding, per scan;
-- ScanFindingWorker the affected workers and where they were at capture time; ScanExposureLine the exposure by
-- theory; ScanSection the small report sections (inventory, assumptions, lineage paths...) as the scan saw them.
-- Finding keeps only identity, liveness and the officer's status. Money is DECIMAL(19,4).

ALTER TABLE dbo.ScanFinding ADD
    SubjectKind             VARCHAR(30)    NULL,
    SubjectKey              NVARCHAR(400)  NULL,
    SubjectName             NVARCHAR(400)  NULL,
    Title                   NVARCHAR(1000) NULL,
    Evidence                NVARCHAR(MAX)  NULL,
    FirstSeen               DATETIME2(0)   NULL,
    LastSeen                DATETIME2(0)   NULL,
    Batches                 BIGINT         NOT NULL CONSTRAINT DF_ScanFinding_Batches DEFAULT 0,
    ActiveMinutes           BIGINT         NOT NULL CONSTRAINT DF_ScanFinding_ActiveMinutes DEFAULT 0,
    BatchesReachingTraining BIGINT         NULL,
    CompensatedContributors INT            NULL,
    UncompensatedHours      DECIMAL(19,4)  NULL,
    BenchmarkRate           DECIMAL(19,4)  NULL,
    ReplacementValueLow     DECIMAL(19,4)  NULL,
    ReplacementValueHigh    DECIMAL(19,4)  NULL,
    CommercialModels        NVARCHAR(2000) NULL;
GO

-- Scans made before this migration keep what the live finding held; it is the best record there is of them.
UPDATE sf
SET SubjectKind = f.SubjectKind, SubjectKey = f.SubjectKey, Title = f.Title, Evidence = f.Evidence, FirstSeen = f.FirstSeen, LastSeen = f.LastSeen
FROM dbo.ScanFinding AS sf
JOIN dbo.Finding AS f ON f.FindingKey = sf.FindingKey;
GO

ALTER TABLE dbo.ScanFinding ALTER COLUMN SubjectKind VARCHAR(30) NOT NULL;
ALTER TABLE dbo.ScanFinding ALTER COLUMN SubjectKey NVARCHAR(400) NOT NULL;
ALTER TABLE dbo.ScanFinding ALTER COLUMN Title NVARCHAR(1000) NOT NULL;
ALTER TABLE dbo.ScanFinding ALTER COLUMN Evidence NVARCHAR(MAX) NOT NULL;
ALTER TABLE dbo.ScanFinding ALTER COLUMN ExposureLow DECIMAL(19,4) NOT NULL;
ALTER TABLE dbo.ScanFinding ALTER COLUMN ExposureHigh DECIMAL(19,4) NOT NULL;
CREATE INDEX IX_ScanFinding_FindingKey ON dbo.ScanFinding (FindingKey);

-- The affected workers of each finding as each scan saw them. Locations: every code (US-NY, DE) the worker was
-- at when the offending data was captured, ';'-separated. Quantity: the rule's measure (R7: uncompensated hours).
-- For consent findings (R2, R3) the worker's batches under the config and their consent state at capture time.
CREATE TABLE dbo.ScanFindingWorker (
    ScanId       INT            NOT NULL,
    FindingKey   NVARCHAR(450)  NOT NULL,
    WorkerId     NVARCHAR(64)   NOT NULL,
    Locations    VARCHAR(200)   NULL,
    Quantity     DECIMAL(19,4)  NULL,
    Batches      BIGINT         NULL,
    FirstCapture DATETIME2(0)   NULL,
    LastCapture  DATETIME2(0)   NULL,
    ConsentState NVARCHAR(1000) NULL,
    CONSTRAINT PK_ScanFindingWorker PRIMARY KEY (ScanId, FindingKey, WorkerId),
    CONSTRAINT FK_ScanFindingWorker_ScanFinding FOREIGN KEY (ScanId, FindingKey) REFERENCES dbo.ScanFinding (ScanId, FindingKey)
);
GO

INSERT INTO dbo.ScanFindingWorker (ScanId, FindingKey, WorkerId, Locations, Quantity)
SELECT f.LastScanId, fw.FindingKey, fw.WorkerId, fw.Location, fw.Quantity
FROM dbo.FindingWorker AS fw
JOIN dbo.Finding AS f ON f.FindingKey = fw.FindingKey
WHERE EXISTS (SELECT 1 FROM dbo.ScanFinding AS sf WHERE sf.ScanId = f.LastScanId AND sf.FindingKey = fw.FindingKey);

DROP TABLE dbo.FindingWorker;

-- Each finding's exposure by legal theory in one scan, with the conduct dates it prices.
CREATE TABLE dbo.ScanExposureLine (
    ScanId       INT            NOT NULL,
    FindingKey   NVARCHAR(450)  NOT NULL,
    Position       INT            NOT NULL,
    TheoryId     NVARCHAR(100)  NOT NULL,
    Jurisdiction VARCHAR(20)    NOT NULL,
    Unit         VARCHAR(30)    NOT NULL,
    Units        DECIMAL(19,4)  NOT NULL,
    Low          DECIMAL(19,4)  NOT NULL,
    High         DECIMAL(19,4)  NOT NULL,
    Citation     NVARCHAR(1000) NOT NULL,
    Capped       BIT            NOT NULL,
    ConductFrom  DATE           NULL,
    ConductTo    DATE           NULL,
    CONSTRAINT PK_ScanExposureLine PRIMARY KEY (ScanId, FindingKey, Position),
    CONSTRAINT FK_ScanExposureLine_ScanFinding FOREIGN KEY (ScanId, FindingKey) REFERENCES dbo.ScanFinding (ScanId, FindingKey)
);

-- Small report sections as one scan saw them, as JSON: inventory, EU programmes, exposure assumptions, lineage paths, sources.
CREATE TABLE dbo.ScanSection (
    ScanId  INT           NOT NULL,
    Name    VARCHAR(50)   NOT NULL,
    Content NVARCHAR(MAX) NOT NULL,
    CONSTRAINT PK_ScanSection PRIMARY KEY (ScanId, Name),
    CONSTRAINT FK_ScanSection_ScanRun FOREIGN KEY (ScanId) REFERENCES dbo.ScanRun (ScanId)
);

-- When the retention setting removed this scan's per-worker rows (it keeps its findings, figures and sections).
ALTER TABLE dbo.ScanRun ADD WorkersPrunedAt DATETIME2(0) NULL;

-- The scan that opened, reopened or resolved a finding, when a scan made the change; NULL for an officer's change.
ALTER TABLE dbo.FindingStatusChange ADD ScanId INT NULL CONSTRAINT FK_FindingStatusChange_ScanRun FOREIGN KEY REFERENCES dbo.ScanRun (ScanId);

-- The live finding keeps identity, liveness and the officer's status; what a scan saw lives in its record.
ALTER TABLE dbo.Finding DROP COLUMN Severity;
ALTER TABLE dbo.Finding DROP COLUMN Title;
ALTER TABLE dbo.Finding DROP COLUMN AffectedWorkerCount;
ALTER TABLE dbo.Finding DROP COLUMN Evidence;
ALTER TABLE dbo.Finding DROP COLUMN FirstSeen;
ALTER TABLE dbo.Finding DROP COLUMN LastSeen;
ALTER TABLE dbo.Finding DROP COLUMN ExposureLow;
ALTER TABLE dbo.Finding DROP COLUMN ExposureHigh;
