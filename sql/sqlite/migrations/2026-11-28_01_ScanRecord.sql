-- Every scan becomes a record its reports read whole (issue 7). Reports used to join a scan's rows to the live
-- Finding and FindingWorker tables, which only hold the newest scan's view, so an old month's report changed
-- whenever a later scan ran. Now ScanFinding carries everything a report prints about a finding, per scan;
-- ScanFindingWorker the affected workers and where they were at capture time; ScanExposureLine the exposure by
-- theory; ScanSection the small report sections (inventory, assumptions, lineage paths...) as the scan saw them.
-- Finding keeps only identity, liveness and the officer's status. Money is TEXT holding the decimal's invariant text.

CREATE TABLE ScanFinding_Record (
    ScanId                  INTEGER NOT NULL,
    FindingKey              TEXT    NOT NULL,
    RuleCode                TEXT    NOT NULL,
    SubjectKind             TEXT    NOT NULL,
    SubjectKey              TEXT    NOT NULL,
    SubjectName             TEXT    NULL,
    Severity                TEXT    NOT NULL,
    Title                   TEXT    NOT NULL,
    Change                  TEXT    NOT NULL,
    Evidence                TEXT    NOT NULL,
    FirstSeen               TEXT    NULL,
    LastSeen                TEXT    NULL,
    AffectedWorkerCount     INTEGER NOT NULL,
    Batches                 INTEGER NOT NULL,
    ActiveMinutes           INTEGER NOT NULL,
    BatchesReachingTraining INTEGER NULL,
    CompensatedContributors INTEGER NULL,
    UncompensatedHours      TEXT    NULL,
    BenchmarkRate           TEXT    NULL,
    ReplacementValueLow     TEXT    NULL,
    ReplacementValueHigh    TEXT    NULL,
    CommercialModels        TEXT    NULL,
    ExposureLow             TEXT    NOT NULL,
    ExposureHigh            TEXT    NOT NULL,
    CONSTRAINT PK_ScanFinding PRIMARY KEY (ScanId, FindingKey),
    CONSTRAINT FK_ScanFinding_ScanRun FOREIGN KEY (ScanId) REFERENCES ScanRun (ScanId),
    CONSTRAINT FK_ScanFinding_Finding FOREIGN KEY (FindingKey) REFERENCES Finding (FindingKey)
);

-- Scans made before this migration keep what the live finding held; it is the best record there is of them.
INSERT INTO ScanFinding_Record (ScanId, FindingKey, RuleCode, SubjectKind, SubjectKey, SubjectName, Severity, Title, Change, Evidence, FirstSeen, LastSeen,
                                AffectedWorkerCount, Batches, ActiveMinutes, ExposureLow, ExposureHigh)
SELECT sf.ScanId, sf.FindingKey, sf.RuleCode, f.SubjectKind, f.SubjectKey, NULL, sf.Severity, f.Title, sf.Change, f.Evidence, f.FirstSeen, f.LastSeen,
       sf.AffectedWorkerCount, 0, 0, CAST(sf.ExposureLow AS TEXT), CAST(sf.ExposureHigh AS TEXT)
FROM ScanFinding sf
JOIN Finding f ON f.FindingKey = sf.FindingKey;

DROP TABLE ScanFinding;
ALTER TABLE ScanFinding_Record RENAME TO ScanFinding;
CREATE INDEX IX_ScanFinding_FindingKey ON ScanFinding (FindingKey);

-- The affected workers of each finding as each scan saw them. Locations: every code (US-NY, DE) the worker was
-- at when the offending data was captured, ';'-separated. Quantity: the rule's measure (R7: uncompensated hours).
-- For consent findings (R2, R3) the worker's batches under the config and their consent state at capture time.
-- About a million rows a scan at 100,000 workers: WITHOUT ROWID keeps them once, in key order, instead of a table
-- plus a primary-key index holding the same text again (a third less on disk).
CREATE TABLE ScanFindingWorker (
    ScanId       INTEGER NOT NULL,
    FindingKey   TEXT    NOT NULL,
    WorkerId     TEXT    NOT NULL,
    Locations    TEXT    NULL,
    Quantity     TEXT    NULL,
    Batches      INTEGER NULL,
    FirstCapture TEXT    NULL,
    LastCapture  TEXT    NULL,
    ConsentState TEXT    NULL,
    CONSTRAINT PK_ScanFindingWorker PRIMARY KEY (ScanId, FindingKey, WorkerId),
    CONSTRAINT FK_ScanFindingWorker_ScanFinding FOREIGN KEY (ScanId, FindingKey) REFERENCES ScanFinding (ScanId, FindingKey)
) WITHOUT ROWID;

INSERT INTO ScanFindingWorker (ScanId, FindingKey, WorkerId, Locations, Quantity)
SELECT f.LastScanId, fw.FindingKey, fw.WorkerId, fw.Location, CAST(fw.Quantity AS TEXT)
FROM FindingWorker fw
JOIN Finding f ON f.FindingKey = fw.FindingKey
WHERE EXISTS (SELECT 1 FROM ScanFinding sf WHERE sf.ScanId = f.LastScanId AND sf.FindingKey = fw.FindingKey);

DROP TABLE FindingWorker;

-- Each finding's exposure by legal theory in one scan, with the conduct dates it prices.
CREATE TABLE ScanExposureLine (
    ScanId       INTEGER NOT NULL,
    FindingKey   TEXT    NOT NULL,
    Position       INTEGER NOT NULL,
    TheoryId     TEXT    NOT NULL,
    Jurisdiction TEXT    NOT NULL,
    Unit         TEXT    NOT NULL,
    Units        TEXT    NOT NULL,
    Low          TEXT    NOT NULL,
    High         TEXT    NOT NULL,
    Citation     TEXT    NOT NULL,
    Capped       INTEGER NOT NULL,
    ConductFrom  TEXT    NULL,
    ConductTo    TEXT    NULL,
    CONSTRAINT PK_ScanExposureLine PRIMARY KEY (ScanId, FindingKey, Position),
    CONSTRAINT FK_ScanExposureLine_ScanFinding FOREIGN KEY (ScanId, FindingKey) REFERENCES ScanFinding (ScanId, FindingKey)
);

-- Small report sections as one scan saw them, as JSON: inventory, EU programmes, exposure assumptions, lineage paths, sources.
CREATE TABLE ScanSection (
    ScanId  INTEGER NOT NULL,
    Name    TEXT    NOT NULL,
    Content TEXT    NOT NULL,
    CONSTRAINT PK_ScanSection PRIMARY KEY (ScanId, Name),
    CONSTRAINT FK_ScanSection_ScanRun FOREIGN KEY (ScanId) REFERENCES ScanRun (ScanId)
);

-- When the retention setting removed this scan's per-worker rows (it keeps its findings, figures and sections).
ALTER TABLE ScanRun ADD COLUMN WorkersPrunedAt TEXT NULL;

-- The scan that opened, reopened or resolved a finding, when a scan made the change; NULL for an officer's change.
ALTER TABLE FindingStatusChange ADD COLUMN ScanId INTEGER NULL REFERENCES ScanRun (ScanId);

-- The live finding keeps identity, liveness and the officer's status; what a scan saw lives in its record.
ALTER TABLE Finding DROP COLUMN Severity;
ALTER TABLE Finding DROP COLUMN Title;
ALTER TABLE Finding DROP COLUMN AffectedWorkerCount;
ALTER TABLE Finding DROP COLUMN Evidence;
ALTER TABLE Finding DROP COLUMN FirstSeen;
ALTER TABLE Finding DROP COLUMN LastSeen;
ALTER TABLE Finding DROP COLUMN ExposureLow;
ALTER TABLE Finding DROP COLUMN ExposureHigh;
