-- CompensationAgreement.Amount was REAL: a binary fraction, so 0.1 + 0.2 stipends did not add up to 0.3 and SQLite
-- and SQL Server (DECIMAL(19,4)) disagreed in the last digits. Money is the decimal's invariant text, as the
-- importer now writes it (every money column in SQLite is TEXT). SQLite cannot change a column's type, so the
-- table is rebuilt under the same constraint and index names; CAST keeps what was stored (at most 15 digits).
-- No table refers to CompensationAgreement, so it can be dropped and renamed with foreign keys on.
CREATE TABLE CompensationAgreement_New (
    AgreementId TEXT NOT NULL CONSTRAINT PK_CompensationAgreement PRIMARY KEY,
    WorkerId    TEXT NOT NULL,
    ProgramId   TEXT NOT NULL,
    Kind        TEXT NOT NULL,
    Amount      TEXT NOT NULL,
    Currency    TEXT NOT NULL,
    PeriodFrom  TEXT NOT NULL,
    PeriodTo    TEXT NULL,
    CONSTRAINT FK_CompensationAgreement_Worker FOREIGN KEY (WorkerId) REFERENCES Worker (WorkerId),
    CONSTRAINT FK_CompensationAgreement_Program FOREIGN KEY (ProgramId) REFERENCES Program (ProgramId)
);

INSERT INTO CompensationAgreement_New (AgreementId, WorkerId, ProgramId, Kind, Amount, Currency, PeriodFrom, PeriodTo)
SELECT AgreementId, WorkerId, ProgramId, Kind, CAST(Amount AS TEXT), Currency, PeriodFrom, PeriodTo
FROM CompensationAgreement;

DROP TABLE CompensationAgreement;
ALTER TABLE CompensationAgreement_New RENAME TO CompensationAgreement;
CREATE INDEX IX_CompensationAgreement_WorkerId_ProgramId ON CompensationAgreement (WorkerId, ProgramId);
