-- OpenLineage runs, API keys, web users and a fuller audit log (issue 11).
--
-- A run's lineage is the product of all its inputs and all its outputs, over every event of the run, and a run
-- whose newest terminal event is FAIL or ABORT draws none. Events arrive in any order, so each run keeps its
-- state (LineageRun, LineageRunDataset, LineageRunTransform) and its share of each edge (LineageRunEdge);
-- LineageEdge, which the scan reads, is the union of those shares, so a failed run's share can be taken back.
-- Order keys ('<ticks, 19 digits>|<event hash>') compare events with full precision and break ties the same way
-- on every database, so the newest event wins whatever order events are processed in.

ALTER TABLE LineageEvent ADD COLUMN EventTimeAssumedUtc INTEGER NOT NULL DEFAULT 0;

ALTER TABLE Dataset ADD COLUMN KindKey TEXT NULL;
ALTER TABLE Dataset ADD COLUMN CommercialKey TEXT NULL;

ALTER TABLE LineageEdge ADD COLUMN TransformKey TEXT NULL;

-- RunKey is the SHA-256 of (run id, job namespace, job name): a run id reused by another job is another run.
CREATE TABLE LineageRun (
    RunKey       TEXT NOT NULL CONSTRAINT PK_LineageRun PRIMARY KEY,
    RunId        TEXT NOT NULL,
    JobNamespace TEXT NOT NULL,
    JobName      TEXT NOT NULL,
    FirstSeen    TEXT NOT NULL,
    LastSeen     TEXT NOT NULL,
    EndType      TEXT NULL,
    EndKey       TEXT NULL
);

CREATE TABLE LineageRunDataset (
    RunKey    TEXT    NOT NULL,
    Direction TEXT    NOT NULL,
    DatasetId INTEGER NOT NULL,
    CONSTRAINT PK_LineageRunDataset PRIMARY KEY (RunKey, Direction, DatasetId),
    CONSTRAINT FK_LineageRunDataset_LineageRun FOREIGN KEY (RunKey) REFERENCES LineageRun (RunKey),
    CONSTRAINT FK_LineageRunDataset_Dataset FOREIGN KEY (DatasetId) REFERENCES Dataset (DatasetId)
);

-- The newest transform a run's events gave for (source, target); the source is named as the facet names it,
-- since column lineage may cite it before (or without) listing it as an input.
CREATE TABLE LineageRunTransform (
    RunKey          TEXT    NOT NULL,
    TargetDatasetId INTEGER NOT NULL,
    SourceKey       TEXT    NOT NULL,
    SourceNamespace TEXT    NOT NULL,
    SourceName      TEXT    NOT NULL,
    Transform       TEXT    NOT NULL,
    TransformKey    TEXT    NOT NULL,
    CONSTRAINT PK_LineageRunTransform PRIMARY KEY (RunKey, TargetDatasetId, SourceKey),
    CONSTRAINT FK_LineageRunTransform_LineageRun FOREIGN KEY (RunKey) REFERENCES LineageRun (RunKey)
);

-- One share of an edge: a run's (RunKey = LineageRun.RunKey) or the edge imports' (RunKey = 'import').
CREATE TABLE LineageRunEdge (
    SourceDatasetId INTEGER NOT NULL,
    TargetDatasetId INTEGER NOT NULL,
    JobNamespace    TEXT    NOT NULL,
    JobName         TEXT    NOT NULL,
    RunKey          TEXT    NOT NULL,
    RunId           TEXT    NULL,
    Transform       TEXT    NOT NULL,
    TransformKey    TEXT    NULL,
    FirstSeen       TEXT    NOT NULL,
    LastSeen        TEXT    NOT NULL,
    CONSTRAINT PK_LineageRunEdge PRIMARY KEY (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey)
);
CREATE INDEX IX_LineageRunEdge_RunKey ON LineageRunEdge (RunKey);

-- Edges stored before runs were tracked keep their window as one share that no later event takes back.
INSERT INTO LineageRunEdge (SourceDatasetId, TargetDatasetId, JobNamespace, JobName, RunKey, RunId, Transform, TransformKey, FirstSeen, LastSeen)
SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName, 'import', LastRunId, Transform, NULL, FirstSeen, LastSeen
FROM LineageEdge;

-- API keys: only the SHA-256 of the secret is stored; KeyId is the public half of the key.
CREATE TABLE ApiKey (
    KeyId      TEXT NOT NULL CONSTRAINT PK_ApiKey PRIMARY KEY,
    Name       TEXT NOT NULL,
    Role       TEXT NOT NULL,
    SecretHash BLOB NOT NULL,
    CreatedAt  TEXT NOT NULL,
    CreatedBy  TEXT NOT NULL,
    RevokedAt  TEXT NULL,
    RevokedBy  TEXT NULL
);
CREATE UNIQUE INDEX IX_ApiKey_Name ON ApiKey (Name);

-- Local accounts for the web page; PasswordHash is ASP.NET Core Identity's (PBKDF2, salted, versioned).
CREATE TABLE UserAccount (
    UserName     TEXT NOT NULL CONSTRAINT PK_UserAccount PRIMARY KEY,
    Role         TEXT NOT NULL,
    PasswordHash TEXT NOT NULL,
    CreatedAt    TEXT NOT NULL,
    CreatedBy    TEXT NOT NULL,
    DisabledAt   TEXT NULL
);

-- Who acted in which role, on which request, and the SHA-256 of a file served.
ALTER TABLE AuditLog ADD COLUMN Role TEXT NULL;
ALTER TABLE AuditLog ADD COLUMN Request TEXT NULL;
ALTER TABLE AuditLog ADD COLUMN Sha256 TEXT NULL;
CREATE INDEX IX_AuditLog_At ON AuditLog (At);
