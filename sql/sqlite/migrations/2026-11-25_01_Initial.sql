-- Audit schema, SQLite dialect. Mirrors sql/sqlserver/migrations/2026-11-25_01_Initial.sql table for table.
-- Dates are ISO-8601 TEXT ('yyyy-MM-dd'); timestamps are UTC TEXT ('yyyy-MM-dd HH:mm:ss'); flags are 0/1.
-- Set-valued columns (capabilities, purposes, countries) hold ';'-separated codes, validated on import.

CREATE TABLE Worker (
    WorkerId          TEXT    NOT NULL CONSTRAINT PK_Worker PRIMARY KEY,
    DisplayName       TEXT    NULL,
    EmploymentType    TEXT    NOT NULL,
    HireDate          TEXT    NOT NULL,
    TerminationDate   TEXT    NULL,
    TerminationReason TEXT    NULL
);

CREATE TABLE WorkerLocation (
    WorkerId        TEXT NOT NULL,
    ValidFrom       TEXT NOT NULL,
    ValidTo         TEXT NULL,
    CountryCode     TEXT NOT NULL,
    SubdivisionCode TEXT NULL,
    CONSTRAINT PK_WorkerLocation PRIMARY KEY (WorkerId, ValidFrom),
    CONSTRAINT FK_WorkerLocation_Worker FOREIGN KEY (WorkerId) REFERENCES Worker (WorkerId)
);

CREATE TABLE Program (
    ProgramId            TEXT    NOT NULL CONSTRAINT PK_Program PRIMARY KEY,
    Name                 TEXT    NOT NULL,
    Purpose              TEXT    NOT NULL,
    EuExempt             INTEGER NOT NULL,
    EuExemptionRationale TEXT    NULL,
    OptOut               TEXT    NOT NULL,
    OptOutDescription    TEXT    NULL,
    CompensationPolicy   TEXT    NULL
);

CREATE TABLE CaptureTool (
    ToolId TEXT NOT NULL CONSTRAINT PK_CaptureTool PRIMARY KEY,
    Name   TEXT NOT NULL,
    Vendor TEXT NULL
);

CREATE TABLE CaptureConfig (
    ToolId                    TEXT    NOT NULL,
    Version                   TEXT    NOT NULL,
    ProgramId                 TEXT    NULL,
    EffectiveFrom             TEXT    NOT NULL,
    EffectiveTo               TEXT    NULL,
    Capabilities              TEXT    NOT NULL,
    ScreenshotIntervalSeconds INTEGER NULL,
    Purposes                  TEXT    NOT NULL,
    CountriesIncluded         TEXT    NULL,
    CountriesExcluded         TEXT    NULL,
    CONSTRAINT PK_CaptureConfig PRIMARY KEY (ToolId, Version),
    CONSTRAINT FK_CaptureConfig_CaptureTool FOREIGN KEY (ToolId) REFERENCES CaptureTool (ToolId),
    CONSTRAINT FK_CaptureConfig_Program FOREIGN KEY (ProgramId) REFERENCES Program (ProgramId)
);

CREATE TABLE Notice (
    NoticeId     TEXT    NOT NULL CONSTRAINT PK_Notice PRIMARY KEY,
    ToolId       TEXT    NULL,
    ProgramId    TEXT    NULL,
    Version      TEXT    NOT NULL,
    PublishedOn  TEXT    NOT NULL,
    Purposes     TEXT    NOT NULL,
    Capabilities TEXT    NOT NULL,
    OffersOptOut INTEGER NOT NULL,
    Summary      TEXT    NULL,
    CONSTRAINT FK_Notice_CaptureTool FOREIGN KEY (ToolId) REFERENCES CaptureTool (ToolId),
    CONSTRAINT FK_Notice_Program FOREIGN KEY (ProgramId) REFERENCES Program (ProgramId)
);

CREATE TABLE Acknowledgement (
    WorkerId        TEXT NOT NULL,
    NoticeId        TEXT NOT NULL,
    AcknowledgedAt  TEXT NOT NULL,
    ConsentPurposes TEXT NULL,
    CONSTRAINT PK_Acknowledgement PRIMARY KEY (WorkerId, NoticeId),
    CONSTRAINT FK_Acknowledgement_Worker FOREIGN KEY (WorkerId) REFERENCES Worker (WorkerId),
    CONSTRAINT FK_Acknowledgement_Notice FOREIGN KEY (NoticeId) REFERENCES Notice (NoticeId)
);

CREATE TABLE OptOut (
    WorkerId   TEXT NOT NULL,
    ProgramId  TEXT NOT NULL,
    OptedOutAt TEXT NOT NULL,
    Scope      TEXT NOT NULL,
    CONSTRAINT PK_OptOut PRIMARY KEY (WorkerId, ProgramId, OptedOutAt),
    CONSTRAINT FK_OptOut_Worker FOREIGN KEY (WorkerId) REFERENCES Worker (WorkerId),
    CONSTRAINT FK_OptOut_Program FOREIGN KEY (ProgramId) REFERENCES Program (ProgramId)
);

-- Datasets get a small integer id so that millions of batches and edges stay compact;
-- the natural key (namespace, name) follows OpenLineage.
CREATE TABLE Dataset (
    DatasetId    INTEGER NOT NULL CONSTRAINT PK_Dataset PRIMARY KEY AUTOINCREMENT,
    Namespace    TEXT    NOT NULL,
    Name         TEXT    NOT NULL,
    Kind         TEXT    NOT NULL,
    IsCommercial INTEGER NOT NULL,
    FirstSeen    TEXT    NOT NULL,
    Facets       TEXT    NULL,
    FacetsSeenAt TEXT    NULL
);
CREATE UNIQUE INDEX IX_Dataset_Namespace_Name ON Dataset (Namespace, Name);

CREATE TABLE LineageEdge (
    SourceDatasetId INTEGER NOT NULL,
    TargetDatasetId INTEGER NOT NULL,
    JobNamespace    TEXT    NOT NULL,
    JobName         TEXT    NOT NULL,
    Transform       TEXT    NOT NULL,
    FirstSeen       TEXT    NOT NULL,
    LastSeen        TEXT    NOT NULL,
    LastRunId       TEXT    NULL,
    Facets          TEXT    NULL,
    CONSTRAINT PK_LineageEdge PRIMARY KEY (SourceDatasetId, TargetDatasetId, JobNamespace, JobName),
    CONSTRAINT FK_LineageEdge_Source FOREIGN KEY (SourceDatasetId) REFERENCES Dataset (DatasetId),
    CONSTRAINT FK_LineageEdge_Target FOREIGN KEY (TargetDatasetId) REFERENCES Dataset (DatasetId)
);
CREATE INDEX IX_LineageEdge_TargetDatasetId ON LineageEdge (TargetDatasetId);

-- Every OpenLineage event as received, so facets we do not model are kept, and replays are recognised.
CREATE TABLE LineageEvent (
    EventHash    TEXT NOT NULL CONSTRAINT PK_LineageEvent PRIMARY KEY,
    RunId        TEXT NOT NULL,
    EventType    TEXT NOT NULL,
    EventTime    TEXT NOT NULL,
    JobNamespace TEXT NOT NULL,
    JobName      TEXT NOT NULL,
    Producer     TEXT NULL,
    Payload      TEXT NOT NULL,
    ReceivedAt   TEXT NOT NULL
);
CREATE INDEX IX_LineageEvent_RunId ON LineageEvent (RunId);

CREATE TABLE CaptureBatch (
    BatchId       TEXT    NOT NULL CONSTRAINT PK_CaptureBatch PRIMARY KEY,
    WorkerId      TEXT    NOT NULL,
    ToolId        TEXT    NOT NULL,
    ConfigVersion TEXT    NOT NULL,
    DatasetId     INTEGER NOT NULL,
    CapturedFrom  TEXT    NOT NULL,
    CapturedTo    TEXT    NOT NULL,
    ActiveMinutes INTEGER NOT NULL,
    EventCount    INTEGER NOT NULL,
    CONSTRAINT FK_CaptureBatch_Worker FOREIGN KEY (WorkerId) REFERENCES Worker (WorkerId),
    CONSTRAINT FK_CaptureBatch_CaptureConfig FOREIGN KEY (ToolId, ConfigVersion) REFERENCES CaptureConfig (ToolId, Version),
    CONSTRAINT FK_CaptureBatch_Dataset FOREIGN KEY (DatasetId) REFERENCES Dataset (DatasetId)
);
CREATE INDEX IX_CaptureBatch_WorkerId_CapturedFrom ON CaptureBatch (WorkerId, CapturedFrom);

CREATE TABLE CompensationAgreement (
    AgreementId TEXT NOT NULL CONSTRAINT PK_CompensationAgreement PRIMARY KEY,
    WorkerId    TEXT NOT NULL,
    ProgramId   TEXT NOT NULL,
    Kind        TEXT NOT NULL,
    Amount      REAL NOT NULL,
    Currency    TEXT NOT NULL,
    PeriodFrom  TEXT NOT NULL,
    PeriodTo    TEXT NULL,
    CONSTRAINT FK_CompensationAgreement_Worker FOREIGN KEY (WorkerId) REFERENCES Worker (WorkerId),
    CONSTRAINT FK_CompensationAgreement_Program FOREIGN KEY (ProgramId) REFERENCES Program (ProgramId)
);
CREATE INDEX IX_CompensationAgreement_WorkerId_ProgramId ON CompensationAgreement (WorkerId, ProgramId);

CREATE TABLE WorkforceEvent (
    EventId       TEXT    NOT NULL CONSTRAINT PK_WorkforceEvent PRIMARY KEY,
    Kind          TEXT    NOT NULL,
    AnnouncedOn   TEXT    NOT NULL,
    EffectiveOn   TEXT    NULL,
    AffectedCount INTEGER NULL,
    Description   TEXT    NULL
);

-- Legal theories for the exposure model: loaded from templates/exposure-theories.csv, editable by counsel.
CREATE TABLE ExposureTheory (
    TheoryId          TEXT NOT NULL CONSTRAINT PK_ExposureTheory PRIMARY KEY,
    Regime            TEXT NOT NULL,
    Jurisdiction      TEXT NOT NULL,
    TriggeringRules   TEXT NOT NULL,
    Unit              TEXT NOT NULL,
    LowAmount         REAL NOT NULL,
    HighAmount        REAL NOT NULL,
    TurnoverShareLow  REAL NULL,
    TurnoverShareHigh REAL NULL,
    Currency          TEXT NOT NULL,
    CapGroup          TEXT NULL,
    EffectiveFrom     TEXT NOT NULL,
    Confidence        TEXT NOT NULL,
    Citation          TEXT NOT NULL,
    Note              TEXT NULL
);

CREATE TABLE ScanRun (
    ScanId     INTEGER NOT NULL CONSTRAINT PK_ScanRun PRIMARY KEY AUTOINCREMENT,
    AsOf       TEXT    NOT NULL,
    StartedAt  TEXT    NOT NULL,
    FinishedAt TEXT    NULL,
    Status     TEXT    NOT NULL,
    Summary    TEXT    NULL
);
CREATE INDEX IX_ScanRun_AsOf ON ScanRun (AsOf);

-- A finding's identity is its rule and subject; it lives across scans.
CREATE TABLE Finding (
    FindingKey          TEXT    NOT NULL CONSTRAINT PK_Finding PRIMARY KEY,
    RuleCode            TEXT    NOT NULL,
    SubjectKind         TEXT    NOT NULL,
    SubjectKey          TEXT    NOT NULL,
    Severity            TEXT    NOT NULL,
    Title               TEXT    NOT NULL,
    AffectedWorkerCount INTEGER NOT NULL,
    Evidence            TEXT    NOT NULL,
    FirstSeen           TEXT    NULL,
    LastSeen            TEXT    NULL,
    ExposureLow         REAL    NOT NULL,
    ExposureHigh        REAL    NOT NULL,
    IsActive            INTEGER NOT NULL,
    FirstScanId         INTEGER NOT NULL,
    LastScanId          INTEGER NOT NULL,
    ResolvedScanId      INTEGER NULL,
    Status              TEXT    NOT NULL,
    CONSTRAINT FK_Finding_FirstScan FOREIGN KEY (FirstScanId) REFERENCES ScanRun (ScanId),
    CONSTRAINT FK_Finding_LastScan FOREIGN KEY (LastScanId) REFERENCES ScanRun (ScanId),
    CONSTRAINT FK_Finding_ResolvedScan FOREIGN KEY (ResolvedScanId) REFERENCES ScanRun (ScanId)
);
CREATE INDEX IX_Finding_RuleCode ON Finding (RuleCode);

-- The workers a finding affects as of its latest scan, where each was at capture time, and a rule-specific
-- measure (uncompensated hours for R7).
CREATE TABLE FindingWorker (
    FindingKey TEXT NOT NULL,
    WorkerId   TEXT NOT NULL,
    Location   TEXT NULL,
    Quantity   REAL NULL,
    CONSTRAINT PK_FindingWorker PRIMARY KEY (FindingKey, WorkerId),
    CONSTRAINT FK_FindingWorker_Finding FOREIGN KEY (FindingKey) REFERENCES Finding (FindingKey)
);
CREATE INDEX IX_FindingWorker_WorkerId ON FindingWorker (WorkerId);

-- What each scan saw, so trends and "what did we know then" can be read back without re-scanning.
CREATE TABLE ScanFinding (
    ScanId              INTEGER NOT NULL,
    FindingKey          TEXT    NOT NULL,
    RuleCode            TEXT    NOT NULL,
    Severity            TEXT    NOT NULL,
    Change              TEXT    NOT NULL,
    AffectedWorkerCount INTEGER NOT NULL,
    ExposureLow         REAL    NOT NULL,
    ExposureHigh        REAL    NOT NULL,
    CONSTRAINT PK_ScanFinding PRIMARY KEY (ScanId, FindingKey),
    CONSTRAINT FK_ScanFinding_ScanRun FOREIGN KEY (ScanId) REFERENCES ScanRun (ScanId),
    CONSTRAINT FK_ScanFinding_Finding FOREIGN KEY (FindingKey) REFERENCES Finding (FindingKey)
);

-- Status changes a compliance officer records; scans append here but never rewrite it.
CREATE TABLE FindingStatusChange (
    ChangeId   INTEGER NOT NULL CONSTRAINT PK_FindingStatusChange PRIMARY KEY AUTOINCREMENT,
    FindingKey TEXT    NOT NULL,
    Status     TEXT    NOT NULL,
    ChangedBy  TEXT    NOT NULL,
    ChangedAt  TEXT    NOT NULL,
    Note       TEXT    NULL,
    CONSTRAINT FK_FindingStatusChange_Finding FOREIGN KEY (FindingKey) REFERENCES Finding (FindingKey)
);
CREATE INDEX IX_FindingStatusChange_FindingKey ON FindingStatusChange (FindingKey);

CREATE TABLE ReportRun (
    ReportId    INTEGER NOT NULL CONSTRAINT PK_ReportRun PRIMARY KEY AUTOINCREMENT,
    Kind        TEXT    NOT NULL,
    Period      TEXT    NOT NULL,
    RequestedAt TEXT    NOT NULL,
    FinishedAt  TEXT    NULL,
    Status      TEXT    NOT NULL,
    OutputPath  TEXT    NULL,
    Error       TEXT    NULL
);

CREATE TABLE ExportRequest (
    ExportId    INTEGER NOT NULL CONSTRAINT PK_ExportRequest PRIMARY KEY AUTOINCREMENT,
    MatterId    TEXT    NOT NULL,
    Scope       TEXT    NOT NULL,
    RequestedBy TEXT    NOT NULL,
    RequestedAt TEXT    NOT NULL,
    FinishedAt  TEXT    NULL,
    Status      TEXT    NOT NULL,
    OutputPath  TEXT    NULL,
    Error       TEXT    NULL
);

CREATE TABLE AuditLog (
    AuditId INTEGER NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY AUTOINCREMENT,
    At      TEXT    NOT NULL,
    Actor   TEXT    NOT NULL,
    Action  TEXT    NOT NULL,
    Subject TEXT    NULL,
    Details TEXT    NULL
);

-- The audit log is evidence: it only grows.
CREATE TRIGGER TR_AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, 'AuditLog is append-only');
END;

CREATE TRIGGER TR_AuditLog_NoDelete BEFORE DELETE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, 'AuditLog is append-only');
END;
