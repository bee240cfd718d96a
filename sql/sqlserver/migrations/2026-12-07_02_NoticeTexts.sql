-- The texts of notices as workers read them (import notice-texts), kept as evidence: one row per imported file, with
-- its SHA-256, and its paragraphs by number. A notice has at most one current text; `--replace` marks the current one
-- superseded and adds the new one, so the old text stays. Nothing rewrites a text (triggers refuse it); the one change
-- allowed is a current text becoming superseded, once. No code path deletes one (the demo's rebuild of its own
-- embedded database empties every table but the audit log, texts included).
CREATE TABLE dbo.NoticeText (
    NoticeTextId BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_NoticeText PRIMARY KEY,
    NoticeId     NVARCHAR(64)  NOT NULL,
    Sha256       CHAR(64)      NOT NULL,
    FileName     NVARCHAR(260) NOT NULL,
    Format       VARCHAR(10)   NOT NULL,
    Paragraphs   INT           NOT NULL,
    ImportedAt   DATETIME2(3)  NOT NULL,
    ImportedBy   NVARCHAR(200) NOT NULL,
    SupersededAt DATETIME2(3)  NULL,
    CONSTRAINT FK_NoticeText_Notice FOREIGN KEY (NoticeId) REFERENCES dbo.Notice (NoticeId)
);

CREATE UNIQUE INDEX UX_NoticeText_Current ON dbo.NoticeText (NoticeId) WHERE SupersededAt IS NULL;

CREATE TABLE dbo.NoticeParagraph (
    NoticeTextId BIGINT        NOT NULL,
    Number       INT           NOT NULL,
    Text         NVARCHAR(MAX) NOT NULL,
    CONSTRAINT PK_NoticeParagraph PRIMARY KEY (NoticeTextId, Number),
    CONSTRAINT FK_NoticeParagraph_NoticeText FOREIGN KEY (NoticeTextId) REFERENCES dbo.NoticeText (NoticeTextId)
);
GO

CREATE TRIGGER dbo.TR_NoticeText_OnlySupersede ON dbo.NoticeText AFTER UPDATE
AS
BEGIN
    IF UPDATE(NoticeId) OR UPDATE(Sha256) OR UPDATE(FileName) OR UPDATE(Format) OR UPDATE(Paragraphs) OR UPDATE(ImportedAt) OR UPDATE(ImportedBy)
       OR EXISTS (SELECT 1 FROM deleted WHERE SupersededAt IS NOT NULL) OR EXISTS (SELECT 1 FROM inserted WHERE SupersededAt IS NULL)
        THROW 50001, 'NoticeText is evidence: a text may only be superseded, once', 1;
END;
GO

CREATE TRIGGER dbo.TR_NoticeParagraph_NoUpdate ON dbo.NoticeParagraph INSTEAD OF UPDATE
AS
BEGIN
    THROW 50001, 'NoticeParagraph is evidence: paragraphs are never changed', 1;
END;
GO
