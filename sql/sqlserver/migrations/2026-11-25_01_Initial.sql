-- Audit schema, SQL Server dialect. Mirrors sql/sqlite/migrations/2026-11-25_01_Initial.sql table for table.
-- Set-valued columns (capabilities, purposes, countries) hold ';'-separated codes, validated on import.
-- Hangfire installs its own schema (HangFire.*); it is not managed here.

CREATE TABLE dbo.Worker (
    WorkerId          NVARCHAR(64)  NOT NULL CONSTRAINT PK_Worker PRIMARY KEY,
    DisplayName       NVARCHAR(200) NULL,
    EmploymentType    VARCHAR(20)   NOT NULL,
    HireDate          DATE          NOT NULL,
    TerminationDate   DATE          NULL,
    TerminationReason VARCHAR(30)   NULL
);

CREATE TABLE dbo.WorkerLocation (
    WorkerId        NVARCHAR(64) NOT NULL,
    ValidFrom       DATE         NOT NULL,
    ValidTo         DATE         NULL,
    CountryCode     CHAR(2)      NOT NULL,
    SubdivisionCode VARCHAR(6)   NULL,
    CONSTRAINT PK_WorkerLocation PRIMARY KEY (WorkerId, ValidFrom),
    CONSTRAINT FK_WorkerLocation_Worker FOREIGN KEY (WorkerId) REFERENCES dbo.Worker (WorkerId)
);

CREATE TABLE dbo.Program (
    ProgramId            NVARCHAR(64)   NOT NULL CONSTRAINT PK_Program PRIMARY KEY,
    Name                 NVARCHAR(200)  NOT NULL,
    Purpose              NVARCHAR(400)  NOT NULL,
    EuExempt             BIT            NOT NULL,
    EuExemptionRationale NVARCHAR(MAX)  NULL,
    OptOut               VARCHAR(20)    NOT NULL,
    OptOutDescription    NVARCHAR(1000) NULL,
    CompensationPolicy   NVARCHAR(1000) NULL
);

CREATE TABLE dbo.CaptureTool (
    ToolId NVARCHAR(64)  NOT NULL CONSTRAINT PK_CaptureTool PRIMARY KEY,
    Name   NVARCHAR(200) NOT NULL,
    Vendor NVARCHAR(200) NULL
);

CREATE TABLE dbo.CaptureConfig (
    ToolId                    NVARCHAR(64)  NOT NULL,
    Version                   NVARCHAR(32)  NOT NULL,
    ProgramId                 NVARCHAR(64)  NULL,
    EffectiveFrom             DATE          NOT NULL,
    EffectiveTo               DATE          NULL,
    Capabilities              VARCHAR(400)  NOT NULL,
    ScreenshotIntervalSeconds INT           NULL,
    Purposes                  VARCHAR(200)  NOT NULL,
    CountriesIncluded         VARCHAR(1000) NULL,
    CountriesExcluded         VARCHAR(1000) NULL,
    CONSTRAINT PK_CaptureConfig PRIMARY KEY (ToolId, Version),
    CONSTRAINT FK_CaptureConfig_CaptureTool FOREIGN KEY (ToolId) REFERENCES dbo.CaptureTool (ToolId),
    CONSTRAINT FK_CaptureConfig_Program FOREIGN KEY (ProgramId) REFERENCES dbo.Program (ProgramId)
);

CREATE TABLE dbo.Notice (
    NoticeId     NVARCHAR(64)   NOT NULL CONSTRAINT PK_Notice PRIMARY KEY,
    ToolId       NVARCHAR(64)   NULL,
    ProgramId    NVARCHAR(64)   NULL,
    Version      NVARCHAR(32)   NOT NULL,
    PublishedOn  DATE           NOT NULL,
    Purposes     VARCHAR(200)   NOT NULL,
    Capabilities VARCHAR(400)   NOT NULL,
    OffersOptOut BIT            NOT NULL,
    Summary      NVARCHAR(2000) NULL,
    CONSTRAINT FK_Notice_CaptureTool FOREIGN KEY (ToolId) REFERENCES dbo.CaptureTool (ToolId),
    CONSTRAINT FK_Notice_Program FOREIGN KEY (ProgramId) REFERENCES dbo.Program (ProgramId)
);

CREATE TABLE dbo.Acknowledgement (
    WorkerId        NVARCHAR(64) NOT NULL,
    NoticeId        NVARCHAR(64) NOT NULL,
    AcknowledgedAt  DATETIME2(0) NOT NULL,
    ConsentPurposes VARCHAR(200) NULL,
    CONSTRAINT PK_Acknowledgement PRIMARY KEY (WorkerId, NoticeId),
    CONSTRAINT FK_Acknowledgement_Worker FOREIGN KEY (WorkerId) REFERENCES dbo.Worker (WorkerId),
    CONSTRAINT FK_Acknowledgement_Notice FOREIGN KEY (NoticeId) REFERENCES dbo.Notice (NoticeId)
);

CREATE TABLE dbo.OptOut (
    WorkerId   NVARCHAR(64) NOT NULL,
    ProgramId  NVARCHAR(64) NOT NULL,
    OptedOutAt DATETIME2(0) NOT NULL,
    Scope      VARCHAR(20)  NOT NULL,
    CONSTRAINT PK_OptOut PRIMARY KEY (WorkerId, ProgramId, OptedOutAt),
    CONSTRAINT FK_OptOut_Worker FOREIGN KEY (WorkerId) REFERENCES dbo.Worker (WorkerId),
    CONSTRAINT FK_OptOut_Program FOREIGN KEY (ProgramId) REFERENCES dbo.Program (ProgramId)
);

-- Datasets get a small integer id so that millions of batches and edges stay compact;
-- the natural key (namespace, name) follows OpenLineage.
CREATE TABLE dbo.Dataset (
    DatasetId    INT           NOT NULL IDENTITY(1, 1) CONSTRAINT PK_Dataset PRIMARY KEY,
    Namespace    NVARCHAR(400) NOT NULL,
    Name         NVARCHAR(400) NOT NULL,
    Kind         VARCHAR(30)   NOT NULL,
    IsCommercial BIT           NOT NULL,
    FirstSeen    DATETIME2(0)  NOT NULL,
    Facets       NVARCHAR(MAX) NULL,
    FacetsSeenAt DATETIME2(0)  NULL
);
CREATE UNIQUE INDEX IX_Dataset_Namespace_Name ON dbo.Dataset (Namespace, Name);

CREATE TABLE dbo.LineageEdge (
    SourceDatasetId INT           NOT NULL,
    TargetDatasetId INT           NOT NULL,
    JobNamespace    NVARCHAR(400) NOT NULL,
    JobName         NVARCHAR(400) NOT NULL,
    Transform       VARCHAR(20)   NOT NULL,
    FirstSeen       DATETIME2(0)  NOT NULL,
    LastSeen        DATETIME2(0)  NOT NULL,
    LastRunId       VARCHAR(64)   NULL,
    Facets          NVARCHAR(MAX) NULL,
    CONSTRAINT PK_LineageEdge PRIMARY KEY (SourceDatasetId, TargetDatasetId, JobNamespace, JobName),
    CONSTRAINT FK_LineageEdge_Source FOREIGN KEY (SourceDatasetId) REFERENCES dbo.Dataset (DatasetId),
    CONSTRAINT FK_LineageEdge_Target FOREIGN KEY (TargetDatasetId) REFERENCES dbo.Dataset (DatasetId)
);
CREATE INDEX IX_LineageEdge_TargetDatasetId ON dbo.LineageEdge (TargetDatasetId);

-- Every OpenLineage event as received, so facets we do not model are kept, and replays are recognised.
CREATE TABLE dbo.LineageEvent (
    EventHash    CHAR(64)      NOT NULL CONSTRAINT PK_LineageEvent PRIMARY KEY,
    RunId        VARCHAR(64)   NOT NULL,
    EventType    VARCHAR(20)   NOT NULL,
    EventTime    DATETIME2(3)  NOT NULL,
    JobNamespace NVARCHAR(400) NOT NULL,
    JobName      NVARCHAR(400) NOT NULL,
    Producer     NVARCHAR(400) NULL,
    Payload      NVARCHAR(MAX) NOT NULL,
    ReceivedAt   DATETIME2(0)  NOT NULL
);
CREATE INDEX IX_LineageEvent_RunId ON dbo.LineageEvent (RunId);

CREATE TABLE dbo.CaptureBatch (
    BatchId       NVARCHAR(64) NOT NULL CONSTRAINT PK_CaptureBatch PRIMARY KEY,
    WorkerId      NVARCHAR(64) NOT NULL,
    ToolId        NVARCHAR(64) NOT NULL,
    ConfigVersion NVARCHAR(32) NOT NULL,
    DatasetId     INT          NOT NULL,
    CapturedFrom  DATETIME2(0) NOT NULL,
    CapturedTo    DATETIME2(0) NOT NULL,
    ActiveMinutes INT          NOT NULL,
    EventCount    BIGINT       NOT NULL,
    CONSTRAINT FK_CaptureBatch_Worker FOREIGN KEY (WorkerId) REFERENCES dbo.Worker (WorkerId),
    CONSTRAINT FK_CaptureBatch_CaptureConfig FOREIGN KEY (ToolId, ConfigVersion) REFERENCES dbo.CaptureConfig (ToolId, Version),
    CONSTRAINT FK_CaptureBatch_Dataset FOREIGN KEY (DatasetId) REFERENCES dbo.Dataset (DatasetId)
);
CREATE INDEX IX_CaptureBatch_WorkerId_CapturedFrom ON dbo.CaptureBatch (WorkerId, CapturedFrom);

CREATE TABLE dbo.CompensationAgreement (
    AgreementId NVARCHAR(64)  NOT NULL CONSTRAINT PK_CompensationAgreement PRIMARY KEY,
    WorkerId    NVARCHAR(64)  NOT NULL,
    ProgramId   NVARCHAR(64)  NOT NULL,
    Kind        VARCHAR(20)   NOT NULL,
    Amount      DECIMAL(19,4) NOT NULL,
    Currency    CHAR(3)       NOT NULL,
    PeriodFrom  DATE          NOT NULL,
    PeriodTo    DATE          NULL,
    CONSTRAINT FK_CompensationAgreement_Worker FOREIGN KEY (WorkerId) REFERENCES dbo.Worker (WorkerId),
    CONSTRAINT FK_CompensationAgreement_Program FOREIGN KEY (ProgramId) REFERENCES dbo.Program (ProgramId)
);
CREATE INDEX IX_CompensationAgreement_WorkerId_ProgramId ON dbo.CompensationAgreement (WorkerId, ProgramId);

CREATE TABLE dbo.WorkforceEvent (
    EventId       NVARCHAR(64)   NOT NULL CONSTRAINT PK_WorkforceEvent PRIMARY KEY,
    Kind          VARCHAR(40)    NOT NULL,
    AnnouncedOn   DATE           NOT NULL,
    EffectiveOn   DATE           NULL,
    AffectedCount INT            NULL,
    Description   NVARCHAR(2000) NULL
);

-- Legal theories for the exposure model: loaded from templates/exposure-theories.csv, editable by counsel.
CREATE TABLE dbo.ExposureTheory (
    TheoryId          NVARCHAR(64)   NOT NULL CONSTRAINT PK_ExposureTheory PRIMARY KEY,
    Regime            NVARCHAR(200)  NOT NULL,
    Jurisdiction      VARCHAR(10)    NOT NULL,
    TriggeringRules   VARCHAR(100)   NOT NULL,
    Unit              VARCHAR(30)    NOT NULL,
    LowAmount         DECIMAL(19,4)  NOT NULL,
    HighAmount        DECIMAL(19,4)  NOT NULL,
    TurnoverShareLow  DECIMAL(9,6)   NULL,
    TurnoverShareHigh DECIMAL(9,6)   NULL,
    Currency          CHAR(3)        NOT NULL,
    CapGroup          NVARCHAR(64)   NULL,
    EffectiveFrom     DATE           NOT NULL,
    Confidence        CHAR(1)        NOT NULL,
    Citation          NVARCHAR(1000) NOT NULL,
    Note              NVARCHAR(2000) NULL
);

CREATE TABLE dbo.ScanRun (
    ScanId     INT           NOT NULL IDENTITY(1, 1) CONSTRAINT PK_ScanRun PRIMARY KEY,
    AsOf       DATE          NOT NULL,
    StartedAt  DATETIME2(0)  NOT NULL,
    FinishedAt DATETIME2(0)  NULL,
    Status     VARCHAR(20)   NOT NULL,
    Summary    NVARCHAR(MAX) NULL
);
CREATE INDEX IX_ScanRun_AsOf ON dbo.ScanRun (AsOf);

-- A finding's identity is its rule and subject; it lives across scans.
CREATE TABLE dbo.Finding (
    FindingKey          NVARCHAR(450)  NOT NULL CONSTRAINT PK_Finding PRIMARY KEY,
    RuleCode            VARCHAR(4)     NOT NULL,
    SubjectKind         VARCHAR(30)    NOT NULL,
    SubjectKey          NVARCHAR(400)  NOT NULL,
    Severity            VARCHAR(10)    NOT NULL,
    Title               NVARCHAR(1000) NOT NULL,
    AffectedWorkerCount INT            NOT NULL,
    Evidence            NVARCHAR(MAX)  NOT NULL,
    FirstSeen           DATETIME2(0)   NULL,
    LastSeen            DATETIME2(0)   NULL,
    ExposureLow         DECIMAL(19,2)  NOT NULL,
    ExposureHigh        DECIMAL(19,2)  NOT NULL,
    IsActive            BIT            NOT NULL,
    FirstScanId         INT            NOT NULL,
    LastScanId          INT            NOT NULL,
    ResolvedScanId      INT            NULL,
    Status              VARCHAR(20)    NOT NULL,
    CONSTRAINT FK_Finding_FirstScan FOREIGN KEY (FirstScanId) REFERENCES dbo.ScanRun (ScanId),
    CONSTRAINT FK_Finding_LastScan FOREIGN KEY (LastScanId) REFERENCES dbo.ScanRun (ScanId),
    CONSTRAINT FK_Finding_ResolvedScan FOREIGN KEY (ResolvedScanId) REFERENCES dbo.ScanRun (ScanId)
);
CREATE INDEX IX_Finding_RuleCode ON dbo.Finding (RuleCode);

-- The workers a finding affects as of its latest scan, where each was at capture time, and a rule-specific
-- measure (uncompensated hours for R7).
CREATE TABLE dbo.FindingWorker (
    FindingKey NVARCHAR(450) NOT NULL,
    WorkerId   NVARCHAR(64)  NOT NULL,
    Location   VARCHAR(20)   NULL,
    Quantity   DECIMAL(19,4) NULL,
    CONSTRAINT PK_FindingWorker PRIMARY KEY (FindingKey, WorkerId),
    CONSTRAINT FK_FindingWorker_Finding FOREIGN KEY (FindingKey) REFERENCES dbo.Finding (FindingKey)
);
CREATE INDEX IX_FindingWorker_WorkerId ON dbo.FindingWorker (WorkerId);

-- What each scan saw, so trends and "what did we know then" can be read back without re-scanning.
CREATE TABLE dbo.ScanFinding (
    ScanId              INT           NOT NULL,
    FindingKey          NVARCHAR(450) NOT NULL,
    RuleCode            VARCHAR(4)    NOT NULL,
    Severity            VARCHAR(10)   NOT NULL,
    Change              VARCHAR(12)   NOT NULL,
    AffectedWorkerCount INT           NOT NULL,
    ExposureLow         DECIMAL(19,2) NOT NULL,
    ExposureHigh        DECIMAL(19,2) NOT NULL,
    CONSTRAINT PK_ScanFinding PRIMARY KEY (ScanId, FindingKey),
    CONSTRAINT FK_ScanFinding_ScanRun FOREIGN KEY (ScanId) REFERENCES dbo.ScanRun (ScanId),
    CONSTRAINT FK_ScanFinding_Finding FOREIGN KEY (FindingKey) REFERENCES dbo.Finding (FindingKey)
);

-- Status changes a compliance officer records; scans append here but never rewrite it.
CREATE TABLE dbo.FindingStatusChange (
    ChangeId   INT            NOT NULL IDENTITY(1, 1) CONSTRAINT PK_FindingStatusChange PRIMARY KEY,
    FindingKey NVARCHAR(450)  NOT NULL,
    Status     VARCHAR(20)    NOT NULL,
    ChangedBy  NVARCHAR(200)  NOT NULL,
    ChangedAt  DATETIME2(0)   NOT NULL,
    Note       NVARCHAR(4000) NULL,
    CONSTRAINT FK_FindingStatusChange_Finding FOREIGN KEY (FindingKey) REFERENCES dbo.Finding (FindingKey)
);
CREATE INDEX IX_FindingStatusChange_FindingKey ON dbo.FindingStatusChange (FindingKey);

CREATE TABLE dbo.ReportRun (
    ReportId    INT            NOT NULL IDENTITY(1, 1) CONSTRAINT PK_ReportRun PRIMARY KEY,
    Kind        VARCHAR(20)    NOT NULL,
    Period      VARCHAR(20)    NOT NULL,
    RequestedAt DATETIME2(0)   NOT NULL,
    FinishedAt  DATETIME2(0)   NULL,
    Status      VARCHAR(20)    NOT NULL,
    OutputPath  NVARCHAR(1000) NULL,
    Error       NVARCHAR(4000) NULL
);

CREATE TABLE dbo.ExportRequest (
    ExportId    INT            NOT NULL IDENTITY(1, 1) CONSTRAINT PK_ExportRequest PRIMARY KEY,
    MatterId    NVARCHAR(100)  NOT NULL,
    Scope       NVARCHAR(MAX)  NOT NULL,
    RequestedBy NVARCHAR(200)  NOT NULL,
    RequestedAt DATETIME2(0)   NOT NULL,
    FinishedAt  DATETIME2(0)   NULL,
    Status      VARCHAR(20)    NOT NULL,
    OutputPath  NVARCHAR(1000) NULL,
    Error       NVARCHAR(4000) NULL
);

CREATE TABLE dbo.AuditLog (
    AuditId BIGINT         NOT NULL IDENTITY(1, 1) CONSTRAINT PK_AuditLog PRIMARY KEY,
    At      DATETIME2(3)   NOT NULL,
    Actor   NVARCHAR(200)  NOT NULL,
    Action  VARCHAR(60)    NOT NULL,
    Subject NVARCHAR(400)  NULL,
    Details NVARCHAR(MAX)  NULL
);
GO

-- The audit log is evidence: it only grows.
CREATE TRIGGER dbo.TR_AuditLog_NoUpdate ON dbo.AuditLog INSTEAD OF UPDATE
AS
BEGIN
    THROW 50001, 'AuditLog is append-only', 1;
END;
GO

CREATE TRIGGER dbo.TR_AuditLog_NoDelete ON dbo.AuditLog INSTEAD OF DELETE
AS
BEGIN
    THROW 50001, 'AuditLog is append-only', 1;
END;
GO
